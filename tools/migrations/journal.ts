/** Reads drizzle-kit's journal and migration files, hashing each file exactly as drizzle-orm does. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitStatements } from './sql-text.ts';

export interface Migration {
  /** Position in the journal's entries array (the order migrations are applied in). */
  index: number;
  tag: string;
  /** The journal's `when`: milliseconds since the epoch, stored as created_at when applied. */
  when: number;
  /** sha256 hex of the whole .sql file, the value drizzle stores in the hash column. */
  hash: string;
  statements: string[];
}

interface JournalEntry {
  tag: string;
  when: number;
}

export function journalPath(folder: string): string {
  return join(folder, 'meta', '_journal.json');
}

/** The tags listed in the journal, in order; empty when there is no journal yet. */
export function readJournalTags(folder: string): string[] {
  return existsSync(journalPath(folder)) ? readEntries(folder).map((entry) => entry.tag) : [];
}

/** Every migration in journal order. Throws when the journal or a listed file is missing. */
export function readMigrations(folder: string): Migration[] {
  return readEntries(folder).map((entry, index) => {
    const path = join(folder, `${entry.tag}.sql`);
    if (!existsSync(path)) throw new Error(`journal lists ${entry.tag} but ${path} is missing`);
    // Hash the decoded text, not the bytes, because that is what drizzle-orm's migrator hashes.
    const text = readFileSync(path).toString();
    const hash = createHash('sha256').update(text).digest('hex');
    return { index, tag: entry.tag, when: entry.when, hash, statements: splitStatements(text) };
  });
}

function readEntries(folder: string): JournalEntry[] {
  const path = journalPath(folder);
  if (!existsSync(path)) throw new Error(`no migrations journal at ${path}`);
  const journal: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const entries = isRecord(journal) ? journal.entries : undefined;
  if (!Array.isArray(entries)) throw new Error(`${path} has no entries array`);
  return entries.map((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.tag !== 'string' || typeof entry.when !== 'number') {
      throw new Error(`${path}: entry ${index} needs a string tag and a numeric when`);
    }
    return { tag: entry.tag, when: entry.when };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The index of `target` (a tag, or `head` for the last one); throws on an unknown tag. */
export function resolveTarget(migrations: readonly Migration[], target: string): number {
  if (target === 'head') {
    if (migrations.length === 0) throw new Error('the journal has no migrations');
    return migrations.length - 1;
  }
  const index = migrations.findIndex((migration) => migration.tag === target);
  if (index === -1) {
    const known = migrations.map((migration) => migration.tag).join(', ') || '(none)';
    throw new Error(`unknown migration ${target}; the journal has: ${known}, head`);
  }
  return index;
}
