/** What migrate and rollback will run, decided (and refused) before any SQL runs; --sql prints it. */
import { type Comparison, withState } from './compare.ts';
import { isNonTransactional, readDownStatements } from './down-files.ts';
import { type Migration, resolveTarget } from './journal.ts';
import type { MigrationContext } from './options.ts';
import { MigrationError } from './run-sql.ts';
import type { Query } from './sql-text.ts';
import { deleteQuery, insertQuery } from './state.ts';

/** One migration in one direction, with the bookkeeping row change that records it. */
export interface Step {
  migration: Migration;
  /** `<tag>` up, `<tag> (down)` down: how errors and --sql name the step. */
  label: string;
  statements: string[];
  /** INSERT of the migration's row after an up step, DELETE after a down step. */
  record: Query;
  /** False when the down file starts with the no-transaction marker. */
  transactional: boolean;
}

/** Steps that run under one lock: in one transaction, or a non-transactional step on its own. */
export interface Batch {
  transactional: boolean;
  steps: Step[];
}

/** Which applied migrations to undo: the newest `steps`, or every one after the tag `to`. */
export type RollbackTarget = { steps: number } | { to: string };

/** The pending migrations up to index `last`, in journal order; refuses if any file was modified. */
export function planUp(context: MigrationContext, comparison: Comparison, last: number): Step[] {
  const modified = withState(comparison, 'modified').map((status) => status.migration.tag);
  if (modified.length > 0) {
    throw new MigrationError(
      `refusing to migrate: ${modified.join(', ')} changed after being applied (the recorded ` +
        'hash differs from the file); restore the file, or fix the record after checking the schema',
    );
  }
  return withState(comparison, 'pending')
    .filter(({ migration }) => migration.index <= last)
    .map(({ migration }) => ({
      migration,
      label: migration.tag,
      statements: migration.statements,
      record: insertQuery(context, migration),
      transactional: !isNonTransactional(context.folder, migration.tag),
    }));
}

/** The applied migrations to undo, newest first, each with a usable down file. */
export function planDown(
  context: MigrationContext,
  comparison: Comparison,
  target: RollbackTarget,
): Step[] {
  const done = comparison.statuses.filter((status) => status.state !== 'pending');
  if ('steps' in target && done.length < target.steps) {
    throw new MigrationError(
      `cannot roll back ${target.steps}: only ${done.length} migration(s) are applied`,
    );
  }
  const chosen = 'to' in target ? after(comparison, target.to) : done.slice(-target.steps);
  return chosen.reverse().map(({ migration, state }) => {
    const refuse = (why: string) =>
      new MigrationError(`refusing to roll back ${migration.tag}: ${why}`);
    if (state === 'modified') {
      throw refuse(
        'its file changed after it was applied, so its down file may not match what the database ran',
      );
    }
    const statements = readDownStatements(context.folder, migration.tag);
    if (statements === undefined) throw refuse('no down file');
    if (statements.length === 0) throw refuse('its down file has no statements yet');
    return {
      migration,
      label: `${migration.tag} (down)`,
      statements,
      record: deleteQuery(context, migration),
      transactional: !isNonTransactional(context.folder, migration.tag),
    };
  });
}

/** Every applied migration after `tag`, which must itself be applied. */
function after(comparison: Comparison, tag: string) {
  const index = resolveTarget(
    comparison.statuses.map((status) => status.migration),
    tag,
  );
  if (comparison.statuses[index]?.state === 'pending') {
    const current = comparison.current?.tag ?? 'none (nothing applied)';
    throw new MigrationError(
      `cannot roll back to ${tag}: it is not applied, so it cannot be what remains (current ` +
        `revision: ${current}); \`db:rollback -- --to\` goes back to an applied migration`,
    );
  }
  return comparison.statuses.filter(
    (status) => status.state !== 'pending' && status.migration.index > index,
  );
}

/**
 * Groups steps for running. Rollback shares one transaction across consecutive transactional
 * steps; migrate gives each migration its own. A non-transactional step is always alone.
 */
export function intoBatches(steps: readonly Step[], shareTransactions: boolean): Batch[] {
  const batches: Batch[] = [];
  for (const step of steps) {
    const last = batches.at(-1);
    if (shareTransactions && step.transactional && last?.transactional) last.steps.push(step);
    else batches.push({ transactional: step.transactional, steps: [step] });
  }
  return batches;
}
