/** SQL for users. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Permission } from '../../auth/authorize.ts';
import type { Database } from '../../db/client.ts';
import { items, users } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';
import { NESTED_ITEMS, type UserRow } from './users.schemas.ts';

export type NewUser = typeof users.$inferInsert;
export type UserChanges = Partial<
  Pick<NewUser, 'username' | 'email' | 'fullName' | 'isActive' | 'isSuperuser'>
>;

const publicColumns = { hashedPassword: false, tokenVersion: false } as const;
/** The first items by id, and how many there are in all (an index-only count). */
const withItems = { items: { orderBy: asc(items.id), limit: NESTED_ITEMS } } as const;
// Written out: the relational query renames every column in `extras` to its own alias.
const extras = {
  itemsCount:
    sql<number>`(select count(*)::int from "items" as "counted" where "counted"."owner_id" = ${users.id})`.as(
      'items_count',
    ),
};

// Reads and writes are returned unexecuted, so a handler can batch them.

/** The user and their first items, in one statement; with a permission, only if the caller may act. */
export function findUserById(db: Database, id: number, permission?: Permission) {
  return db.query.users.findFirst({
    where: and(eq(users.id, id), permission),
    columns: publicColumns,
    with: withItems,
    extras,
  });
}

/**
 * A page of users with their first items, in one statement. The page's ids are chosen first, so
 * items are read for the page's users only, never for the rows a deep `skip` passes over.
 */
export function listUsersPage(db: Database, page: Page) {
  const ids = db
    .select({ id: users.id })
    .from(users)
    .where(page.after === undefined ? undefined : gt(users.id, page.after))
    .orderBy(asc(users.id))
    .limit(page.limit)
    .offset(page.skip ?? 0);
  return db.query.users.findMany({
    where: inArray(users.id, ids),
    columns: publicColumns,
    with: withItems,
    extras,
    orderBy: [asc(users.id)],
  });
}

/** Uniqueness is left to the database: a taken username or email raises 23505. */
export async function insertUser(db: Database, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('INSERT ... RETURNING returned no row');
  const { hashedPassword: _, tokenVersion: __, ...user } = row;
  return { ...user, items: [], itemsCount: 0 };
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
