/** Items: parse → repository → respond. Errors are thrown; the app turns them into problems. */
import { isActiveUser } from '../../db/active-user.ts';
import type { Database } from '../../db/client.ts';
import { findPgError } from '../../db/errors.ts';
import { assertActive, assertSelf } from '../../lib/auth.ts';
import { notFound } from '../../lib/not-found.ts';
import { ApiError } from '../../lib/problem.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import {
  deleteItem as deleteItemRow,
  findItemById,
  insertItem,
  listItemsPage,
  updateItem as updateItemRow,
} from './items.repository.ts';
import type {
  createItemRoute,
  deleteItemRoute,
  getItemRoute,
  listItemsRoute,
  patchItemRoute,
} from './items.routes.ts';
import { toItem } from './items.schemas.ts';

export const createItem: Handler<typeof createItemRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  assertSelf(c.var.userId, user_id);
  assertActive(await isActiveUser(c.var.db, c.var.userId));
  const { title, description, price } = c.req.valid('json');
  const item = await insertItem(c.var.db, { title, description, price, ownerId: user_id }).catch(
    (error: unknown) => {
      throw ownerMissing(error, user_id);
    },
  );
  c.header('Location', `/api/v1/items/${item.id}`);
  return c.json(toItem(item), 201);
};

export const listItems: Handler<typeof listItemsRoute> = async (c) => {
  const rows = await listItemsPage(c.var.db, c.req.valid('query'));
  return c.json(rows.map(toItem), 200);
};

export const getItem: Handler<typeof getItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const item = await findItemById(c.var.db, item_id);
  if (!item) throw notFound('Item', item_id);
  return c.json(toItem(item), 200);
};

export const updateItem: Handler<typeof patchItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const body = c.req.valid('json');
  const sent = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  await assertOwner(c.var.db, c.var.userId, item_id);
  const item = await updateItemRow(c.var.db, item_id, sent);
  if (!item) throw notFound('Item', item_id);
  return c.json(toItem(item), 200);
};

export const deleteItem: Handler<typeof deleteItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  await assertOwner(c.var.db, c.var.userId, item_id);
  const item = await deleteItemRow(c.var.db, item_id);
  if (!item) throw notFound('Item', item_id);
  return c.json(toItem(item), 200);
};

/** Runs inside the write's transaction; items never change owner, so the answer holds. */
async function assertOwner(db: Database, userId: number, itemId: number): Promise<void> {
  assertActive(await isActiveUser(db, userId));
  const item = await findItemById(db, itemId);
  if (!item) throw notFound('Item', itemId);
  if (item.ownerId !== userId) throw new ApiError(403, 'Only the owner may change this item.');
}

/** The foreign key, not a prior SELECT, decides whether the owner exists (race-free). */
function ownerMissing(error: unknown, userId: number): unknown {
  return findPgError(error)?.code === '23503' ? notFound('User', userId) : error;
}
