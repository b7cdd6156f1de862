/**
 * Whether the database has every migration this build was made with. The journal is bundled
 * into the Worker; drizzle records each applied migration with the journal's `when` as created_at.
 */
import { countDistinct, inArray } from 'drizzle-orm';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import journal from '../../drizzle/meta/_journal.json' with { type: 'json' };
import type { Database } from './client.ts';
import { findPgError } from './errors.ts';

/** drizzle's own bookkeeping table (not in schema.ts: drizzle-kit creates it, not our migrations). */
const migrationsTable = pgSchema('drizzle').table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

const EXPECTED = journal.entries.map((entry) => entry.when);

/** The number of this build's migrations the database has not recorded (one query). */
export async function countPendingMigrations(db: Database): Promise<number> {
  try {
    const [row] = await db
      .select({ applied: countDistinct(migrationsTable.createdAt) })
      .from(migrationsTable)
      .where(inArray(migrationsTable.createdAt, EXPECTED));
    return EXPECTED.length - (row?.applied ?? 0);
  } catch (error) {
    // No migrations table (42P01) or schema (3F000): nothing was ever migrated.
    if (['42P01', '3F000'].includes(findPgError(error)?.code ?? '')) return EXPECTED.length;
    throw error;
  }
}
