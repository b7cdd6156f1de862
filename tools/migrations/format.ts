/** Turns comparisons into the lines `status` and `history` print. */
import type { Comparison, MigrationStatus } from './compare.ts';
import type { MigrationRecord } from './state.ts';

export function currentLine(comparison: Comparison): string {
  return `current revision: ${comparison.current?.tag ?? 'none (nothing applied)'}`;
}

export function describeRecord(record: MigrationRecord): string {
  const when =
    record.createdAt === null ? 'NULL' : `${record.createdAt} (${iso(record.createdAt)})`;
  return `row id ${record.id}: hash ${shortHash(record.hash)}, created_at ${when}`;
}

export function statusLines(comparison: Comparison): string[] {
  const lines = [currentLine(comparison)];
  for (const status of comparison.statuses) lines.push(statusLine(status));
  for (const record of comparison.unknown) {
    lines.push(`${'unknown'.padEnd(9)} ${describeRecord(record)} matches no journal entry`);
  }
  const count = (state: string) => comparison.statuses.filter((s) => s.state === state).length;
  lines.push(
    `summary: ${count('applied')} applied, ${count('pending')} pending, ` +
      `${count('modified')} modified, ${comparison.unknown.length} unknown`,
  );
  return lines;
}

function statusLine({ migration, state, record }: MigrationStatus): string {
  const line = `${state.padEnd(9)} ${migration.tag}`;
  if (state !== 'modified' || !record) return line;
  return `${line} (recorded hash ${shortHash(record.hash)}, file hash ${shortHash(migration.hash)})`;
}

export function historyLines(comparison: Comparison): string[] {
  const rows = comparison.statuses.map(({ migration, state, record }) => [
    migration.tag,
    iso(migration.when),
    state === 'applied' ? 'yes' : state === 'modified' ? 'modified' : 'no',
    appliedAt(state === 'pending' ? undefined : record),
  ]);
  const header = ['tag', 'generated', 'applied', 'applied at'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const render = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [render(header), ...rows.map(render)];
  for (const record of comparison.unknown) {
    lines.push(`not in the journal: ${describeRecord(record)}, applied at ${appliedAt(record)}`);
  }
  return lines;
}

function appliedAt(record: MigrationRecord | undefined): string {
  if (!record) return '-';
  // Rows written before applied_at existed (or by drizzle before we added it) have no time.
  return record.appliedAt ? record.appliedAt.toISOString() : 'unknown';
}

function iso(millis: number): string {
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? 'invalid date' : date.toISOString();
}

function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}
