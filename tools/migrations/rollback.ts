/** `rollback`: runs the down SQL of the newest applied migrations, together in one transaction. */
import { type Comparison, compare } from './compare.ts';
import type { Client } from './database.ts';
import { type Migration, readMigrations } from './journal.ts';
import { type MigrationContext, type MigrationOptions, resolveOptions } from './options.ts';
import { intoBatches, planDown, type RollbackTarget, type Step } from './plan.ts';
import { MigrationError, runStep, underLock } from './run-sql.ts';
import { readRecords } from './state.ts';

export interface RollbackOptions extends MigrationOptions {
  /** How many applied migrations to undo, newest first; 1 by default. */
  steps?: number;
  /** Undo every applied migration after this tag instead; it must be applied. */
  to?: string;
  /** Called after each migration's rollback commits. */
  onRolledBack?: (migration: Migration) => void;
}

export interface RollbackResult {
  /** Newest first, the order they were undone in. */
  rolledBack: Migration[];
  comparison: Comparison;
}

export function rollbackTarget(options: Pick<RollbackOptions, 'steps' | 'to'>): RollbackTarget {
  if (options.to !== undefined) {
    if (options.steps !== undefined) throw new MigrationError('give --steps or --to, not both');
    return { to: options.to };
  }
  const steps = options.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new MigrationError(`steps must be a positive integer, not ${steps}`);
  }
  return { steps };
}

/**
 * Undoes the chosen migrations (journal order, newest first) and deletes their rows. Every check
 * happens before any SQL runs and the steps share one transaction, so a refusal or failure
 * changes nothing. A no-transaction migration cannot share it: the newer steps commit in one
 * transaction first, then it runs on its own, then the older steps share another.
 */
export async function rollback(
  client: Client,
  options: RollbackOptions = {},
): Promise<RollbackResult> {
  const context = resolveOptions(options);
  const migrations = readMigrations(context.folder);
  const records = await readRecords(client, context);
  const steps = planDown(context, compare(migrations, records), rollbackTarget(options));
  const rolledBack: Migration[] = [];
  for (const batch of intoBatches(steps, true)) {
    await underLock(client, context, batch.transactional, async () => {
      await expectNewest(client, context, migrations, steps.slice(rolledBack.length));
      for (const step of batch.steps) await runStep(client, step);
    });
    for (const { migration } of batch.steps) {
      rolledBack.push(migration);
      options.onRolledBack?.(migration);
    }
  }
  return { rolledBack, comparison: compare(migrations, await readRecords(client, context)) };
}

/**
 * The plan was made before taking the lock: refuse if another command has since changed which
 * migrations are applied, so the steps left are no longer the newest applied ones.
 */
async function expectNewest(
  client: Client,
  context: MigrationContext,
  migrations: readonly Migration[],
  remaining: readonly Step[],
): Promise<void> {
  const { statuses } = compare(migrations, await readRecords(client, context));
  const done = statuses.filter((status) => status.state !== 'pending').map((s) => s.migration.tag);
  const expected = remaining.map((step) => step.migration.tag).reverse();
  if (done.slice(-expected.length).join('\n') !== expected.join('\n')) {
    throw new MigrationError(
      'the applied migrations changed while rolling back (another migration command ran); ' +
        'check db:status and run the command again',
    );
  }
}
