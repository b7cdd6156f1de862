/** Down migrations: drizzle/down/<tag>.sql, the reviewed SQL that undoes drizzle/<tag>.sql. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { splitStatements } from './sql-text.ts';

export function downFilePath(folder: string, tag: string): string {
  return join(folder, 'down', `${tag}.sql`);
}

/**
 * The first line of a down file that makes its migration, up and down, run outside a transaction
 * (one statement at a time, each committing on its own), as `CREATE INDEX CONCURRENTLY` needs.
 * It lives here, in the hand-written companion, because the up file is generated and never edited.
 */
export const NO_TRANSACTION_MARKER = '-- no-transaction';

export function isNonTransactional(folder: string, tag: string): boolean {
  const path = downFilePath(folder, tag);
  if (!existsSync(path)) return false;
  const first = readFileSync(path, 'utf8').split('\n', 1)[0]?.trimEnd() ?? '';
  return first === NO_TRANSACTION_MARKER || first.startsWith(`${NO_TRANSACTION_MARKER}:`);
}

/** The down file's statements, or undefined when the file does not exist. */
export function readDownStatements(folder: string, tag: string): string[] | undefined {
  const path = downFilePath(folder, tag);
  return existsSync(path) ? splitStatements(readFileSync(path, 'utf8')) : undefined;
}

/**
 * Creates a down file holding only comments, so rollback refuses it until someone writes the
 * SQL. Returns the path, or undefined when a down file already exists (it is never overwritten).
 */
export function writeDownStub(folder: string, tag: string): string | undefined {
  const path = downFilePath(folder, tag);
  if (existsSync(path)) return undefined;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, downStubText(tag));
  return path;
}

function downStubText(tag: string): string {
  return [
    `-- Down migration for ${tag}: UNREVIEWED, NOT YET WRITTEN.`,
    `-- Review ../${tag}.sql and replace these comments with SQL that exactly undoes it:`,
    '-- undo its statements in reverse order (drop what it created, re-create what it dropped,',
    '-- restore altered columns, constraints and indexes exactly as they were before).',
    '-- Separate statements with a statement-breakpoint marker line, as in the up file.',
    '-- `db:rollback` refuses to run while this file contains no statements.',
    `-- To run this migration (up and down) outside a transaction, for CREATE INDEX CONCURRENTLY,`,
    `-- make the first line of this file: ${NO_TRANSACTION_MARKER}: <why>`,
    '',
  ].join('\n');
}
