/**
 * Whether a token's user still exists and is active, checked without an extra round trip on
 * reads: over HTTP the check rides in the same batch (one request, one transaction) as the
 * request's own query; inside a write transaction it is one more statement on the open connection.
 */

import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { NeonHttpDatabase } from 'drizzle-orm/neon-http';
import type { Database, Schema } from './client.ts';
import { users } from './schema.ts';

function activeUserQuery(db: Database, userId: number) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isActive, true)));
}

function canBatch(db: Database): db is Database & Pick<NeonHttpDatabase<Schema>, 'batch'> {
  return typeof (db as { batch?: unknown }).batch === 'function';
}

/** Runs `query` and the active-user check together; `active` is false for deleted or inactive users. */
export async function withActiveUser<T>(
  db: Database,
  userId: number,
  query: BatchItem<'pg'> & PromiseLike<T>,
): Promise<{ active: boolean; result: T }> {
  const check = activeUserQuery(db, userId);
  if (canBatch(db)) {
    const [rows, result] = (await db.batch([check, query])) as [{ id: number }[], T];
    return { active: rows.length === 1, result };
  }
  const rows = await check;
  return { active: rows.length === 1, result: await query };
}

export async function isActiveUser(db: Database, userId: number): Promise<boolean> {
  const rows = await activeUserQuery(db, userId);
  return rows.length === 1;
}
