/** `rollback`: runs the down SQL of the newest applied migrations, all in one transaction. */
import { type Comparison, compare } from './compare.ts';
import { type Client, inTransaction } from './database.ts';
import { readDownStatements } from './down-files.ts';
import { type Migration, readMigrations } from './journal.ts';
import { type MigrationOptions, resolveOptions } from './options.ts';
import { MigrationError, runStatements } from './run-sql.ts';
import { deleteRecords, lockMigrations, readRecords } from './state.ts';

export interface RollbackOptions extends MigrationOptions {
  /** How many applied migrations to undo, newest first; 1 by default. */
  steps?: number;
}

export interface RollbackResult {
  /** Newest first, the order they were undone in. */
  rolledBack: Migration[];
  comparison: Comparison;
}

/**
 * Undoes the last `steps` applied migrations (journal order) and deletes their rows. Every check
 * happens before any SQL runs and everything shares one transaction, so a refusal or failure
 * changes nothing.
 */
export async function rollback(
  client: Client,
  options: RollbackOptions = {},
): Promise<RollbackResult> {
  const context = resolveOptions(options);
  const steps = options.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new MigrationError(`steps must be a positive integer, not ${steps}`);
  }
  const migrations = readMigrations(context.folder);
  const rolledBack = await inTransaction(client, async () => {
    await lockMigrations(client, context);
    const comparison = compare(migrations, await readRecords(client, context));
    const done = comparison.statuses.filter((status) => status.state !== 'pending');
    if (done.length < steps) {
      throw new MigrationError(
        `cannot roll back ${steps}: only ${done.length} migration(s) are applied`,
      );
    }
    const chosen = done.slice(-steps).reverse();
    const plan = chosen.map(({ migration, state }) => {
      if (state === 'modified') {
        throw new MigrationError(
          `refusing to roll back ${migration.tag}: its file changed after it was applied, so ` +
            'its down file may not match what the database ran',
        );
      }
      const statements = readDownStatements(context.folder, migration.tag);
      if (statements === undefined) {
        throw new MigrationError(`refusing to roll back ${migration.tag}: no down file`);
      }
      if (statements.length === 0) {
        throw new MigrationError(
          `refusing to roll back ${migration.tag}: its down file has no statements yet`,
        );
      }
      return { migration, statements };
    });
    for (const { migration, statements } of plan) {
      await runStatements(client, `${migration.tag} (down)`, statements);
      await deleteRecords(client, context, migration);
    }
    return plan.map((step) => step.migration);
  });
  return { rolledBack, comparison: compare(migrations, await readRecords(client, context)) };
}
