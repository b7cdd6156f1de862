/** `migrate`: applies pending migrations in journal order, each in its own transaction. */
import { type Comparison, compare, withState } from './compare.ts';
import { type Client, inTransaction } from './database.ts';
import { type Migration, readMigrations, resolveTarget } from './journal.ts';
import { type MigrationOptions, resolveOptions } from './options.ts';
import { MigrationError, runStatements } from './run-sql.ts';
import {
  ensureMigrationsTable,
  insertRecord,
  isRecorded,
  lockMigrations,
  readRecords,
} from './state.ts';

export interface MigrateOptions extends MigrationOptions {
  /** Stop after this tag (or `head`, the default). */
  to?: string;
  /** Called after each migration commits, so progress shows before a later one fails. */
  onApplied?: (migration: Migration) => void;
}

export interface MigrateResult {
  applied: Migration[];
  /** The state after migrating. */
  comparison: Comparison;
}

/**
 * Applies every migration whose hash is not recorded (so one merged in with an older timestamp
 * is still applied), stopping at the first failure, which rolls back only that migration.
 * Refuses to start while any applied migration's file has been modified.
 */
export async function migrate(
  client: Client,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const context = resolveOptions(options);
  const migrations = readMigrations(context.folder);
  // Without a target an empty journal simply has nothing to apply.
  const last =
    options.to === undefined ? migrations.length - 1 : resolveTarget(migrations, options.to);
  await inTransaction(client, async () => {
    await lockMigrations(client, context);
    await ensureMigrationsTable(client, context);
  });
  const before = compare(migrations, await readRecords(client, context));
  const modified = withState(before, 'modified').map((status) => status.migration.tag);
  if (modified.length > 0) {
    throw new MigrationError(
      `refusing to migrate: ${modified.join(', ')} changed after being applied (the recorded ` +
        'hash differs from the file); restore the file, or fix the record after checking the schema',
    );
  }
  const applied: Migration[] = [];
  for (const status of before.statuses.slice(0, last + 1)) {
    if (status.state !== 'pending') continue;
    const { migration } = status;
    const ran = await inTransaction(client, async () => {
      await lockMigrations(client, context);
      // Another migrator may have applied it since the rows were read.
      if (await isRecorded(client, context, migration.hash)) return false;
      await runStatements(client, migration.tag, migration.statements);
      await insertRecord(client, context, migration);
      return true;
    });
    if (ran) {
      applied.push(migration);
      options.onApplied?.(migration);
    }
  }
  return { applied, comparison: compare(migrations, await readRecords(client, context)) };
}
