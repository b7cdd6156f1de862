/** SQL for users. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Permission } from '../../auth/authorize.ts';
import type { Database } from '../../db/client.ts';
import { items, users } from '../../db/schema.ts';
import type { UserRow } from './users.schemas.ts';

export type NewUser = typeof users.$inferInsert;
export type UserChanges = Partial<
  Pick<NewUser, 'username' | 'email' | 'fullName' | 'isActive' | 'isSuperuser'>
>;

const publicColumns = { hashedPassword: false, tokenVersion: false } as const;
const withItems = { items: { orderBy: asc(items.id) } } as const;

// Reads and writes are returned unexecuted, so a handler can batch them.

/** The user and their items, in one statement; with a permission, only if the caller may act. */
export function findUserById(db: Database, id: number, permission?: Permission) {
  return db.query.users.findFirst({
    where: and(eq(users.id, id), permission),
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
  const { hashedPassword: _, tokenVersion: __, ...user } = row;
  return { ...user, items: [] };
}

/**
 * Changes only the given columns, and only with the permission; returns the ids changed.
 * Deactivating also retires every token, so a later reactivation does not revive them.
 */
export function updateUser(db: Database, id: number, changes: UserChanges, permission: Permission) {
  const retire = changes.isActive === false ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {};
  return db
    .update(users)
    .set({ ...changes, ...retire })
    .where(and(eq(users.id, id), permission))
    .returning({ id: users.id });
}

/** Deletes the user (their items go too: ON DELETE CASCADE); returns the ids deleted. */
export function deleteUser(db: Database, id: number, permission: Permission) {
  return db
    .delete(users)
    .where(and(eq(users.id, id), permission))
    .returning({ id: users.id });
}
