/** The database commands of scripts/db.ts: run one, print what happened, return the exit code. */
import { isConsistent } from './compare.ts';
import type { Client } from './database.ts';
import { NO_TRANSACTION_MARKER } from './down-files.ts';
import { currentLine, historyLines, statusLines } from './format.ts';
import { inspect } from './inspect.ts';
import type { MigrationOptions } from './options.ts';
import { rollback } from './rollback.ts';
import { CommandFailure, StatementError } from './run-sql.ts';
import { stamp } from './stamp.ts';
import { migrate } from './up.ts';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function migrateCommand(
  client: Client,
  options: MigrationOptions & { to?: string },
  io: Output,
): Promise<number> {
  let applied = 0;
  const result = await migrate(client, {
    ...options,
    onApplied: (migration) => {
      applied += 1;
      io.out(`applied ${migration.tag}`);
    },
  }).catch((error: unknown) => {
    if (!(error instanceof StatementError)) throw error;
    const undone = error.transactional
      ? `${error.tag} was rolled back`
      : partly(error, 'not recorded');
    throw new CommandFailure(
      error,
      `${undone}; ${applied} migration(s) before it stay applied${hint(error)}`,
    );
  });
  if (result.applied.length === 0) io.out('nothing to apply');
  else io.out(`${result.applied.length} migration(s) applied`);
  io.out(currentLine(result.comparison));
  warnUnknown(result.comparison.unknown.length, io);
  return 0;
}

/** Exit 0 when every migration is applied and every row is accounted for, 1 otherwise. */
export async function statusCommand(client: Client, options: MigrationOptions, io: Output) {
  const comparison = await inspect(client, options);
  for (const line of statusLines(comparison)) io.out(line);
  return isConsistent(comparison) ? 0 : 1;
}

export async function historyCommand(client: Client, options: MigrationOptions, io: Output) {
  const comparison = await inspect(client, options);
  for (const line of historyLines(comparison)) io.out(line);
  return 0;
}

export async function rollbackCommand(
  client: Client,
  options: MigrationOptions & { steps?: number; to?: string },
  io: Output,
): Promise<number> {
  let undone = 0;
  const result = await rollback(client, {
    ...options,
    onRolledBack: (migration) => {
      undone += 1;
      io.out(`rolled back ${migration.tag}`);
    },
  }).catch((error: unknown) => {
    throw new CommandFailure(error, rollbackConsequence(error, undone));
  });
  if (result.rolledBack.length === 0) io.out('nothing to roll back');
  io.out(currentLine(result.comparison));
  return 0;
}

export async function stampCommand(
  client: Client,
  target: string,
  options: MigrationOptions,
  io: Output,
): Promise<number> {
  const result = await stamp(client, target, options);
  for (const migration of result.stamped) io.out(`stamped ${migration.tag}`);
  if (result.stamped.length === 0) io.out(`nothing to stamp: ${target} and earlier are recorded`);
  io.out(currentLine(result.comparison));
  warnUnknown(result.comparison.unknown.length, io);
  return 0;
}

function warnUnknown(count: number, io: Output): void {
  if (count > 0) {
    io.err(`warning: ${count} migration row(s) match no journal entry; see the status command`);
  }
}

function rollbackConsequence(error: unknown, undone: number): string {
  const earlier = `${undone} migration(s) rolled back before it stay rolled back`;
  if (error instanceof StatementError && !error.transactional) {
    return `${partly(error, 'kept')}; ${earlier}${hint(error)}`;
  }
  if (undone === 0) return `nothing was rolled back${hint(error)}`;
  return `nothing more was rolled back; ${earlier}${hint(error)}`;
}

/** What a failed no-transaction step leaves: the statements before the failing one committed. */
function partly(error: StatementError, row: 'not recorded' | 'kept'): string {
  return (
    `${error.tag} runs outside a transaction: the statements before the failing one stay ` +
    `committed and its row was ${row}; repair by hand (a failed CREATE INDEX CONCURRENTLY ` +
    'leaves an INVALID index to drop), then run the command again'
  );
}

/** Postgres refuses CREATE INDEX CONCURRENTLY and the like in a transaction (SQLSTATE 25001). */
function hint(error: unknown): string {
  if (!(error instanceof StatementError)) return '';
  if ((error.cause as { code?: unknown } | undefined)?.code !== '25001') return '';
  return (
    `\nhint: to run ${error.tag} outside a transaction, make ` +
    `"${NO_TRANSACTION_MARKER}: <why>" the first line of its down file (README, Migrations)`
  );
}
