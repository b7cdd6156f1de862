/** `migrate`: applies pending migrations in journal order, each in its own transaction. */
import { type Comparison, compare } from './compare.ts';
import { type Client, inTransaction } from './database.ts';
import { type Migration, readMigrations, resolveTarget } from './journal.ts';
import { type MigrationOptions, resolveOptions } from './options.ts';
import { planUp } from './plan.ts';
import { runStep, underLock } from './run-sql.ts';
import { ensureMigrationsTable, isRecorded, lockMigrations, readRecords } from './state.ts';

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

/** The index of the last migration to apply; without a target an empty journal applies nothing. */
export function lastToApply(migrations: readonly Migration[], to: string | undefined): number {
  return to === undefined ? migrations.length - 1 : resolveTarget(migrations, to);
}

/**
 * Applies every migration whose hash is not recorded (so one merged in with an older timestamp
 * is still applied), stopping at the first failure, which rolls back only that migration (a
 * no-transaction migration keeps the statements before the failing one).
 * Refuses to start while any applied migration's file has been modified.
 */
export async function migrate(
  client: Client,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const context = resolveOptions(options);
  const migrations = readMigrations(context.folder);
  const last = lastToApply(migrations, options.to);
  await inTransaction(client, async () => {
    await lockMigrations(client, context);
    await ensureMigrationsTable(client, context);
  });
  const steps = planUp(context, compare(migrations, await readRecords(client, context)), last);
  const applied: Migration[] = [];
  for (const step of steps) {
    const ran = await underLock(client, context, step.transactional, async () => {
      // Another migrator may have applied it since the rows were read.
      if (await isRecorded(client, context, step.migration.hash)) return false;
      await runStep(client, step);
      return true;
    });
    if (ran) {
      applied.push(step.migration);
      options.onApplied?.(step.migration);
    }
  }
  return { applied, comparison: compare(migrations, await readRecords(client, context)) };
}
