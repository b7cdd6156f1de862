/** SQL for items. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Permission } from '../../auth/authorize.ts';
import type { Database } from '../../db/client.ts';
import { firstWithKey, type Once, recordingInsert } from '../../db/idempotency.ts';
import { insertWhereSql } from '../../db/insert-where.ts';
import { items, users } from '../../db/schema.ts';
import type { Page } from '../../lib/pagination.ts';

export type NewItem = typeof items.$inferInsert;
export type ItemChanges = Partial<Pick<NewItem, 'title' | 'description' | 'price'>>;

// Reads and writes are returned unexecuted, so a handler can batch them.

/** The item; with a permission, only if the caller may act on it. */
export function findItemById(db: Database, id: number, permission?: Permission) {
  return db
    .select()
    .from(items)
    .where(and(eq(items.id, id), permission));
}

/** A page of items, by id; keyset (`after`) uses the primary key, `skip` reads and skips rows. */
export function listItemsPage(db: Database, page: Page, ownerId?: number) {
  return db
    .select()
    .from(items)
    .where(
      and(
        ownerId === undefined ? undefined : eq(items.ownerId, ownerId),
        page.after === undefined ? undefined : gt(items.id, page.after),
      ),
    )
    .orderBy(asc(items.id))
    .offset(page.skip ?? 0)
    .limit(page.limit);
}

/** Whether the user exists, for a 404 beside their (possibly empty) page of items. */
export function findOwner(db: Database, id: number) {
  return db.select({ id: users.id }).from(users).where(eq(users.id, id));
}

/**
 * Inserts the item only with the permission to act for its owner (zero rows otherwise); with an
 * Idempotency-Key, only as the key's first request, recording the answer in the same statement.
 */
export function insertItem(db: Database, values: NewItem, permission: Permission, once?: Once) {
  const owner = and(eq(users.id, values.ownerId), permission, once && firstWithKey(once));
  const insert = insertWhereSql(items, values, { from: users, where: owner });
  return db.execute(once ? recordingInsert(insert, once, 201, []) : insert);
}

/** Changes the item only with the permission; returns the changed rows. */
export function updateItem(db: Database, id: number, changes: ItemChanges, permission: Permission) {
  return db
    .update(items)
    .set(changes)
    .where(and(eq(items.id, id), permission))
    .returning();
}

/** Deletes the item only with the permission; returns the deleted rows. */
export function deleteItem(db: Database, id: number, permission: Permission) {
  return db
    .delete(items)
    .where(and(eq(items.id, id), permission))
    .returning();
}
