/** Pure comparison of the journal with the recorded rows: applied, pending, modified, unknown. */
import type { Migration } from './journal.ts';
import type { MigrationRecord } from './state.ts';

/**
 * applied: a row has the file's hash. modified: no row has the hash, but a row with the same
 * created_at does (the file changed after it was applied). pending: neither.
 */
export type MigrationState = 'applied' | 'pending' | 'modified';

export interface MigrationStatus {
  migration: Migration;
  state: MigrationState;
  /** The row proving it applied (same hash) or modified (same created_at). */
  record: MigrationRecord | undefined;
}

export interface Comparison {
  statuses: MigrationStatus[];
  /** Rows that match no journal entry by hash or by created_at. */
  unknown: MigrationRecord[];
  /** The newest migration, in journal order, that is applied. */
  current: Migration | undefined;
}

export function compare(
  migrations: readonly Migration[],
  records: readonly MigrationRecord[],
): Comparison {
  const journalHashes = new Set(migrations.map((migration) => migration.hash));
  const journalWhens = new Set(migrations.map((migration) => migration.when));
  const statuses = migrations.map((migration): MigrationStatus => {
    const applied = records.find((record) => record.hash === migration.hash);
    if (applied) return { migration, state: 'applied', record: applied };
    // A row whose hash belongs to another journal entry is that entry's, not a modified copy.
    const modified = records.find(
      (record) => record.createdAt === migration.when && !journalHashes.has(record.hash),
    );
    if (modified) return { migration, state: 'modified', record: modified };
    return { migration, state: 'pending', record: undefined };
  });
  const unknown = records.filter(
    (record) =>
      !journalHashes.has(record.hash) &&
      (record.createdAt === null || !journalWhens.has(record.createdAt)),
  );
  const current = statuses.findLast((status) => status.state === 'applied')?.migration;
  return { statuses, unknown, current };
}

/** Everything applied, nothing modified, no stray rows. */
export function isConsistent(comparison: Comparison): boolean {
  return (
    comparison.unknown.length === 0 &&
    comparison.statuses.every((status) => status.state === 'applied')
  );
}

export function withState(comparison: Comparison, state: MigrationState): MigrationStatus[] {
  return comparison.statuses.filter((status) => status.state === state);
}
