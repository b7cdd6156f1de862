/** `generate`: drizzle-kit generate, then a down-file stub for each migration it added. */
import { writeDownStub } from './down-files.ts';
import { runDrizzleKit } from './drizzle-kit.ts';
import { readJournalTags } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER, PROJECT_ROOT } from './options.ts';
import { MigrationError } from './run-sql.ts';

export interface GenerateOptions {
  name: string;
  /** drizzle-kit's `out` folder; must match drizzle.config.ts. */
  folder?: string;
  /** Where drizzle-kit runs (it reads drizzle.config.ts from there). */
  cwd?: string;
}

export interface GenerateResult {
  /** Tags drizzle-kit added to the journal (none when the schema did not change). */
  tags: string[];
  /** Down files created for them. */
  downFiles: string[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const folder = options.folder ?? DEFAULT_MIGRATIONS_FOLDER;
  const cwd = options.cwd ?? PROJECT_ROOT;
  const before = new Set(readJournalTags(folder));
  const { code } = await runDrizzleKit(cwd, ['generate', '--name', options.name]);
  if (code !== 0) throw new MigrationError(`drizzle-kit generate exited with code ${code}`);
  const tags = readJournalTags(folder).filter((tag) => !before.has(tag));
  const downFiles = tags.flatMap((tag) => writeDownStub(folder, tag) ?? []);
  return { tags, downFiles };
}
