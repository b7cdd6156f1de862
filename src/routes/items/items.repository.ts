/** SQL for items. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { and, asc, eq } from 'drizzle-orm';
import { activeUserIdSql, isActiveUserSql } from '../../db/active-user.ts';
import type { Database } from '../../db/client.ts';
import { items } from '../../db/schema.ts';
import type { ItemRow } from './items.schemas.ts';

export type NewItem = Omit<typeof items.$inferInsert, 'ownerId'>;
export type ItemChanges = Partial<Pick<NewItem, 'title' | 'description' | 'price'>>;

// Reads and conditional writes are returned unexecuted, so a handler can batch them.

export function findItemById(db: Database, id: number) {
  return db.select().from(items).where(eq(items.id, id));
}

export function listItemsPage(db: Database, page: { skip: number; limit: number }) {
  return db.select().from(items).orderBy(asc(items.id)).offset(page.skip).limit(page.limit);
}

/**
 * One statement: owner_id is the owner's id only while they are active, NULL otherwise, so the
 * NOT NULL constraint (23502) refuses items for deleted or deactivated users.
 */
export async function insertItemForActiveOwner(
  db: Database,
  ownerId: number,
  values: NewItem,
): Promise<ItemRow> {
  const [row] = await db
    .insert(items)
    .values({ ...values, ownerId: activeUserIdSql(db, ownerId) })
    .returning();
  if (!row) throw new Error('INSERT ... RETURNING returned no row');
  return row;
}

/** Changes the item only if `ownerId` owns it and is active; returns the changed rows. */
export function updateOwnedItem(db: Database, id: number, ownerId: number, changes: ItemChanges) {
  return db
    .update(items)
    .set(changes)
    .where(owned(db, id, ownerId))
    .returning();
}

/** Deletes the item only if `ownerId` owns it and is active; returns the deleted rows. */
export function deleteOwnedItem(db: Database, id: number, ownerId: number) {
  return db
    .delete(items)
    .where(owned(db, id, ownerId))
    .returning();
}

function owned(db: Database, id: number, ownerId: number) {
  return and(eq(items.id, id), eq(items.ownerId, ownerId), isActiveUserSql(db, ownerId));
}
