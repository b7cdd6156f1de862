/** Items: parse → one statement or batch → respond. Errors are thrown and become problems. */
import { actAs } from '../../auth/authorize.ts';
import { actAsUser, ifMatching, manageItem } from '../../auth/policies.ts';
import { inOneTransaction } from '../../db/batch.ts';
import { mapRows } from '../../db/insert-where.ts';
import { items } from '../../db/schema.ts';
import { ifMatch, isNotModified } from '../../lib/etag.ts';
import { markReplayed, onceFor, Replay } from '../../lib/idempotency.ts';
import { linkNextPage } from '../../lib/pagination.ts';
import { notFound } from '../../lib/problem.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import { itemUrl } from '../paths.ts';
import {
  deleteItem as deleteItemRow,
  findItemById,
  findOwner,
  insertItem,
  listItemsPage,
  updateItem as updateItemRow,
} from './items.repository.ts';
import type {
  createItemRoute,
  deleteItemRoute,
  getItemRoute,
  listItemsRoute,
  listOwnerItemsRoute,
  patchItemRoute,
} from './items.routes.ts';
import { itemEtag, toItem } from './items.schemas.ts';

/**
 * For the user themselves (or a superuser): the insert happens only if they may act for the owner;
 * with an Idempotency-Key, a repeat is answered from the record instead.
 */
export const createItem: Handler<typeof createItemRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const { title, description, price } = c.req.valid('json');
  const { db, caller } = c.var;
  const once = await onceFor(c, { title, description, price }, caller.id);
  const values = { title, description, price, ownerId: user_id };
  const done = await actAs(
    db,
    caller,
    actAsUser(user_id),
    (permission) => [insertItem(db, values, permission, once)],
    once,
  );
  if (done instanceof Replay) markReplayed(c);
  const [item] = mapRows(items, done instanceof Replay ? { rows: [done.resource] } : done[1]);
  if (!item) throw new Error('INSERT … RETURNING returned no row');
  c.header('Location', itemUrl(item.id));
  c.header('ETag', itemEtag(item));
  return c.json(toItem(item), 201);
};

export const listItems: Handler<typeof listItemsRoute> = async (c) => {
  const page = c.req.valid('query');
  const rows = await listItemsPage(c.var.db, page);
  linkNextPage(c, rows, page);
  return c.json(rows.map(toItem), 200);
};

/** Public, like /items; one round trip tells an unknown user (404) from one with no items. */
export const listOwnerItems: Handler<typeof listOwnerItemsRoute> = async (c) => {
  const { user_id } = c.req.valid('param');
  const page = c.req.valid('query');
  const { db } = c.var;
  const [owner, rows] = await inOneTransaction(db, [
    findOwner(db, user_id),
    listItemsPage(db, page, user_id),
  ]);
  if (owner.length === 0) throw notFound('User', user_id);
  linkNextPage(c, rows, page);
  return c.json(rows.map(toItem), 200);
};

export const getItem: Handler<typeof getItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const [item] = await findItemById(c.var.db, item_id);
  if (!item) throw notFound('Item', item_id);
  if (isNotModified(c, itemEtag(item))) return c.body(null, 304);
  return c.json(toItem(item), 200);
};

/** The owner or a superuser, checked inside the UPDATE itself. */
export const updateItem: Handler<typeof patchItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const { db, caller } = c.var;
  const body = c.req.valid('json');
  const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  const policy = ifMatching(manageItem(item_id), ifMatch(c, 'item', item_id));
  const [, [item]] = await actAs(db, caller, policy, (permission) => [
    Object.keys(changes).length === 0
      ? findItemById(db, item_id, permission)
      : updateItemRow(db, item_id, changes, permission),
  ]);
  c.header('ETag', itemEtag(item));
  return c.json(toItem(item), 200);
};

/** The owner or a superuser, checked inside the DELETE itself. */
export const deleteItem: Handler<typeof deleteItemRoute> = async (c) => {
  const { item_id } = c.req.valid('param');
  const { db, caller } = c.var;
  const policy = ifMatching(manageItem(item_id), ifMatch(c, 'item', item_id));
  const [, [item]] = await actAs(db, caller, policy, (permission) => [
    deleteItemRow(db, item_id, permission),
  ]);
  return c.json(toItem(item), 200);
};
