/** SQL for items. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { and, asc, eq } from 'drizzle-orm';
import type { Permission } from '../../auth/authorize.ts';
import type { Database } from '../../db/client.ts';
import { insertWhere } from '../../db/insert-where.ts';
import { items, users } from '../../db/schema.ts';

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

export function listItemsPage(db: Database, page: { skip: number; limit: number }) {
  return db.select().from(items).orderBy(asc(items.id)).offset(page.skip).limit(page.limit);
}

/** Inserts the item only with the permission to act for its owner: zero rows otherwise. */
export function insertItem(db: Database, values: NewItem, permission: Permission) {
  const owner = and(eq(users.id, values.ownerId), permission);
  return insertWhere(db, items, values, { from: users, where: owner });
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
