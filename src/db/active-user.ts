/**
 * Whether a token's user still exists and is active, checked in the same round trip as the
 * request's own statements: as a subquery inside a write, or as one more query in a read's batch.
 */
import { and, eq, exists, type SQL, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { users } from './schema.ts';

export function activeUserQuery(db: Database, userId: number) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isActive, true)));
}

/** `EXISTS (…)` for a WHERE clause: the statement touches nothing unless the user is active. */
export function isActiveUserSql(db: Database, userId: number): SQL {
  return exists(activeUserQuery(db, userId));
}

/** The user's id when active, else NULL: as a NOT NULL column's value it refuses the insert. */
export function activeUserIdSql(db: Database, userId: number): SQL<number> {
  return sql<number>`(${activeUserQuery(db, userId)})`;
}
