/** Classifying migrations against recorded rows, by hash first and created_at second. */
import { describe, expect, it } from 'vitest';
import { compare, isConsistent } from './compare.ts';
import type { Migration } from './journal.ts';
import type { MigrationRecord } from './state.ts';

const migration = (index: number, hash: string, when: number): Migration => ({
  index,
  tag: `000${index}_m`,
  when,
  hash,
  statements: [],
});
const row = (id: number, hash: string, createdAt: number | null): MigrationRecord => ({
  id,
  hash,
  createdAt,
  appliedAt: null,
});

const journal = [migration(0, 'h0', 100), migration(1, 'h1', 200), migration(2, 'h2', 300)];

describe('compare', () => {
  it('decides applied by hash, whatever the timestamps say', () => {
    const result = compare(journal, [row(1, 'h0', 100), row(2, 'h2', 300)]);
    expect(result.statuses.map((s) => s.state)).toEqual(['applied', 'pending', 'applied']);
    expect(result.current?.tag).toBe('0002_m');
    expect(isConsistent(result)).toBe(false);
  });

  it('calls a row with the same created_at but another hash modified, not unknown', () => {
    const result = compare(journal, [row(1, 'h0', 100), row(2, 'old', 200)]);
    expect(result.statuses.map((s) => s.state)).toEqual(['applied', 'modified', 'pending']);
    expect(result.statuses[1]?.record?.id).toBe(2);
    expect(result.unknown).toEqual([]);
  });

  it('reports rows matching no entry by hash or created_at as unknown', () => {
    const rows = [row(1, 'h0', 100), row(2, 'h1', 200), row(3, 'h2', 300)];
    const result = compare(journal, [...rows, row(4, 'x', 999), row(5, 'y', null)]);
    expect(result.unknown.map((r) => r.id)).toEqual([4, 5]);
    expect(isConsistent(result)).toBe(false);
    expect(isConsistent(compare(journal, rows))).toBe(true);
  });

  it('has no current revision when nothing is applied', () => {
    expect(compare(journal, []).current).toBeUndefined();
  });
});
