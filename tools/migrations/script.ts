/** --sql: the SQL migrate or rollback would run, as a script, with nothing run or changed. */
import type { Output } from './commands.ts';
import { compare } from './compare.ts';
import { type Client, ConnectionError, redactUrl, withClient } from './database.ts';
import { type Migration, readMigrations } from './journal.ts';
import { type MigrationContext, type MigrationOptions, resolveOptions } from './options.ts';
import { type Batch, intoBatches, planDown, planUp } from './plan.ts';
import { rollbackTarget } from './rollback.ts';
import { CommandFailure } from './run-sql.ts';
import { inline, terminated } from './sql-text.ts';
import {
  lockQuery,
  type MigrationRecord,
  missingTableDdl,
  readRecords,
  tableDdl,
  unlockQuery,
} from './state.ts';
import { lastToApply } from './up.ts';

/** Computes a script for the database `client` reads, or offline when `client` is undefined. */
export type Script = (client: Client | undefined) => Promise<string[]>;

/** --sql reads the database when DATABASE_URL names one, and is offline otherwise. */
export async function scriptCommand(script: Script, offline: string, url: string, io: Output) {
  if (!url) return printScript(offline, await script(undefined), io);
  const lines = await withClient(url, script).catch((error: unknown) => {
    if (!(error instanceof ConnectionError)) throw error;
    throw new CommandFailure(
      error,
      '--sql needs the database to know which migrations are applied; unset DATABASE_URL ' +
        'for offline SQL (migrate then assumes an empty database, rollback one at head)',
    );
  });
  return printScript(`for ${redactUrl(url)} as it is now`, lines, io);
}

/** --sql: the script on stdout, headed by the state it assumes; nothing is run. */
function printScript(assumption: string, script: readonly string[], io: Output): number {
  io.out(`-- ${assumption}`);
  io.out('-- Nothing was run or changed. The reads (which migrations are recorded) are left out.');
  io.out('');
  for (const line of script) io.out(line);
  return 0;
}

/**
 * What `migrate` would run on the database `client` reads (only reads), or without a client
 * (offline) on an empty database. Refuses exactly when migrate would.
 */
export async function migrateScript(
  client: Client | undefined,
  options: MigrationOptions & { to?: string },
): Promise<string[]> {
  const context = resolveOptions(options);
  const migrations = readMigrations(context.folder);
  const last = lastToApply(migrations, options.to);
  const records = client ? await readRecords(client, context) : [];
  const ddl = client
    ? await missingTableDdl(client, context)
    : tableDdl(context, { exists: false, hasAppliedAt: false });
  const steps = planUp(context, compare(migrations, records), last);
  const lines = ddl.length > 0 ? transaction(context, ddl.map(terminated)) : [];
  if (steps.length === 0) return [...lines, '-- nothing to apply'];
  return [...lines, ...scriptOf(context, intoBatches(steps, false))];
}

/**
 * What `rollback` would run on the database `client` reads, or without a client (offline) on a
 * database where every migration in the journal is applied. Refuses exactly when rollback would.
 */
export async function rollbackScript(
  client: Client | undefined,
  options: MigrationOptions & { steps?: number; to?: string },
): Promise<string[]> {
  const context = resolveOptions(options);
  const migrations = readMigrations(context.folder);
  const records = client ? await readRecords(client, context) : migrations.map(assumeApplied);
  const steps = planDown(context, compare(migrations, records), rollbackTarget(options));
  if (steps.length === 0) return ['-- nothing to roll back'];
  return scriptOf(context, intoBatches(steps, true));
}

function assumeApplied(migration: Migration): MigrationRecord {
  return {
    id: migration.index + 1,
    hash: migration.hash,
    createdAt: migration.when,
    appliedAt: null,
  };
}

function scriptOf(context: MigrationContext, batches: readonly Batch[]): string[] {
  return batches.flatMap((batch) => {
    const body = batch.steps.flatMap((step) => [
      `-- ${step.label}`,
      ...step.statements.map(terminated),
      inline(step.record),
    ]);
    if (batch.transactional) return transaction(context, body);
    return [
      '-- no-transaction: each statement commits on its own, under the session lock',
      inline(lockQuery(context, 'session')),
      ...body,
      inline(unlockQuery(context)),
      '',
    ];
  });
}

function transaction(context: MigrationContext, body: readonly string[]): string[] {
  return ['BEGIN;', inline(lockQuery(context, 'transaction')), ...body, 'COMMIT;', ''];
}
