/** SQL for users. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { items, users } from '../../db/schema.ts';
import type { UserRow } from './users.schemas.ts';

export type NewUser = typeof users.$inferInsert;
export type UserChanges = Partial<
  Pick<NewUser, 'username' | 'email' | 'hashedPassword' | 'fullName' | 'isActive'>
>;

const publicColumns = { hashedPassword: false } as const;
const withItems = { items: { orderBy: asc(items.id) } } as const;
const activeUser = (id: number) => and(eq(users.id, id), eq(users.isActive, true));

// Reads and conditional writes are returned unexecuted, so a handler can batch them.

/** The user and their items, in one statement. */
export function findUserById(db: Database, id: number) {
  return db.query.users.findFirst({
    where: eq(users.id, id),
    columns: publicColumns,
    with: withItems,
  });
}

/** A page of users with their items, in one statement. */
export function listUsersPage(db: Database, page: { skip: number; limit: number }) {
  return db.query.users.findMany({
    columns: publicColumns,
    with: withItems,
    orderBy: [asc(users.id)],
    offset: page.skip,
    limit: page.limit,
  });
}

/** Uniqueness is left to the database: a taken username or email raises 23505. */
export async function insertUser(db: Database, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('INSERT ... RETURNING returned no row');
  const { hashedPassword: _, ...user } = row;
  return { ...user, items: [] };
}

/** Changes only the given columns, and only while the user is active; returns the ids changed. */
export function updateActiveUser(db: Database, id: number, changes: UserChanges) {
  return db.update(users).set(changes).where(activeUser(id)).returning({ id: users.id });
}

/**
 * Locks the active user's row until the transaction ends. Inserting an item takes a key-share
 * lock on its owner, so no item can appear between reading the user's items and deleting them.
 */
export function lockActiveUser(db: Database, id: number) {
  return db.select({ id: users.id }).from(users).where(activeUser(id)).for('update');
}

/** Deletes the user if active (items go too: ON DELETE CASCADE); returns the ids deleted. */
export function deleteActiveUser(db: Database, id: number) {
  return db.delete(users).where(activeUser(id)).returning({ id: users.id });
}
