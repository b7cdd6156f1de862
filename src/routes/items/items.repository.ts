/** SQL for items. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { items } from '../../db/schema.ts';
import type { ItemRow } from './items.schemas.ts';

export type NewItem = typeof items.$inferInsert;
export type ItemChanges = Partial<Pick<NewItem, 'title' | 'description' | 'price'>>;

export async function findItemById(db: Database, id: number): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(items).where(eq(items.id, id));
  return row;
}

export async function listItemsPage(
  db: Database,
  page: { skip: number; limit: number },
): Promise<ItemRow[]> {
  return db.select().from(items).orderBy(asc(items.id)).offset(page.skip).limit(page.limit);
}

/** The owner's existence is left to the foreign key: a missing owner raises 23503. */
export async function insertItem(db: Database, values: NewItem): Promise<ItemRow> {
  const [row] = await db.insert(items).values(values).returning();
  if (!row) throw new Error('INSERT ... RETURNING returned no row');
  return row;
}

/** Changes only the given columns; returns undefined when the item does not exist. */
export async function updateItem(
  db: Database,
  id: number,
  changes: ItemChanges,
): Promise<ItemRow | undefined> {
  if (Object.keys(changes).length === 0) return findItemById(db, id);
  const [row] = await db.update(items).set(changes).where(eq(items.id, id)).returning();
  return row;
}

export async function deleteItem(db: Database, id: number): Promise<ItemRow | undefined> {
  const [row] = await db.delete(items).where(eq(items.id, id)).returning();
  return row;
}
