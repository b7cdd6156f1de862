/** Items: parse → one statement or batch → respond. Errors are thrown and become problems. */
import { activeUserQuery } from '../../db/active-user.ts';
import { inOneTransaction } from '../../db/batch.ts';
import type { Database } from '../../db/client.ts';
import { findPgError } from '../../db/errors.ts';
import { assertActive, assertSelf, INACTIVE_TOKEN, unauthorized } from '../../lib/auth.ts';
import { notFound } from '../../lib/not-found.ts';
import { ApiError } from '../../lib/problem.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import { itemUrl } from '../paths.ts';
import {
  deleteOwnedItem,
  findItemById,
  insertItemForActiveOwner,
  listItemsPage,
  updateOwnedItem,
} from './items.repository.ts';
import type {
  createItemRoute,
  deleteItemRoute,
  getItemRoute,
  listItemsRoute,
  patchItemRoute,
} from './items.routes.ts';
import { type ItemRow, toItem } from './items.schemas.ts';

export const createItem: Handler<typeof createItemRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  await assertSelf(c.var.db, c.var.userId, user_id);
  const { title, description, price } = c.req.valid('json');
  const item = await insertItemForActiveOwner(c.var.db, user_id, {
    title,
    description,
    price,
  }).catch((error: unknown) => {
    // NULL owner (not active) or owner deleted in between: either way the token is dead.
    const code = findPgError(error)?.code;
    throw code === '23502' || code === '23503'
      ? unauthorized(INACTIVE_TOKEN, 'invalid_token')
      : error;
  });
  c.header('Location', itemUrl(item.id));
  return c.json(toItem(item), 201);
};

export const listItems: Handler<typeof listItemsRoute> = async (c) => {
  const rows = await listItemsPage(c.var.db, c.req.valid('query'));
  return c.json(rows.map(toItem), 200);
};

export const getItem: Handler<typeof getItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const [item] = await findItemById(c.var.db, item_id);
  if (!item) throw notFound('Item', item_id);
  return c.json(toItem(item), 200);
};

/** Owner only, checked inside the UPDATE itself; a refusal costs a second query to explain. */
export const updateItem: Handler<typeof patchItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const { db, userId } = c.var;
  const body = c.req.valid('json');
  const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0) {
    return c.json(toItem(await ownedItemOrRefusal(db, userId, item_id)), 200);
  }
  const [item] = await updateOwnedItem(db, item_id, userId, changes);
  if (!item) throw await refusal(db, userId, item_id);
  return c.json(toItem(item), 200);
};

export const deleteItem: Handler<typeof deleteItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const { db, userId } = c.var;
  const [item] = await deleteOwnedItem(db, item_id, userId);
  if (!item) throw await refusal(db, userId, item_id);
  return c.json(toItem(item), 200);
};

/** Why a conditional write matched nothing: 401, 403 or (also if it vanished meanwhile) 404. */
async function refusal(db: Database, userId: number, itemId: number): Promise<ApiError> {
  await ownedItemOrRefusal(db, userId, itemId);
  return notFound('Item', itemId);
}

/** The item if `userId` is active and owns it; otherwise the matching 401, 404 or 403. */
async function ownedItemOrRefusal(db: Database, userId: number, itemId: number): Promise<ItemRow> {
  const [active, [item]] = await inOneTransaction(db, [
    activeUserQuery(db, userId),
    findItemById(db, itemId),
  ]);
  assertActive(active.length === 1);
  if (!item) throw notFound('Item', itemId);
  if (item.ownerId !== userId) throw new ApiError(403, 'Only the owner may change this item.');
  return item;
}
