/** SQL for users. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Permission } from '../../auth/authorize.ts';
import type { Database } from '../../db/client.ts';
import {
  clearExpiredKey,
  findEarlier,
  firstWithKey,
  type Once,
  recordingInsert,
} from '../../db/idempotency.ts';
import { insertWhereSql } from '../../db/insert-where.ts';
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
  return toNewUser(row);
}

/** Columns never copied into an Idempotency-Key record. */
const SECRET_COLUMNS = ['hashed_password', 'token_version'];

/**
 * With an Idempotency-Key: inserts the user only as the key's first request, recording the answer
 * in the same statement; then reads what the key holds (for a repeat that inserted nothing).
 */
export function insertUserOnce(db: Database, values: NewUser, once: Once) {
  const insert = insertWhereSql(users, values, { where: firstWithKey(once) });
  return [
    clearExpiredKey(db, once),
    db.execute(recordingInsert(insert, once, 201, SECRET_COLUMNS)),
    findEarlier(db, once),
  ] as const;
}

/** A user just created (from its row, or from a record of it): no items yet. */
export function toNewUser(row: typeof users.$inferSelect): UserRow {
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
