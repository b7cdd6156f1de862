/** OpenAPI contracts of the items resource. */

import { createRoute, z } from '@hono/zod-openapi';
import { IdempotencyKeySchema, REPLAYED_HEADER } from '../../lib/idempotency.ts';
import {
  authenticated,
  authenticatedJsonBody,
  ETAG_HEADER,
  IfMatchSchema,
  IfNoneMatchSchema,
  LOCATION_HEADER,
  notModifiedResponse,
  problemResponses,
  publicRoute,
} from '../../lib/openapi.ts';
import { LINK_HEADER, pageQuery } from '../../lib/pagination.ts';
import { UserIdParamsSchema } from '../users/users.schemas.ts';
import {
  CreateItemBodySchema,
  ItemIdParamsSchema,
  ItemSchema,
  UpdateItemBodySchema,
} from './items.schemas.ts';

const tags = ['items'];
const json = <T>(schema: T) => ({ 'application/json': { schema } });
const itemResponse = (description: string) => ({
  description,
  headers: ETAG_HEADER,
  content: json(ItemSchema),
});
const pageResponse = (description: string) => ({
  description,
  headers: LINK_HEADER,
  content: json(z.array(ItemSchema)),
});

/** The most items a page holds (the README derives the 2 MiB bound from it). */
export const ITEMS_PAGE_MAX = 100;

export const createItemRoute = createRoute({
  ...authenticatedJsonBody,
  method: 'post',
  path: '/users/{user_id}/items',
  operationId: 'createItem',
  tags,
  summary: 'Create an item owned by a user',
  description: 'Only for yourself: user_id must be your own id (403 otherwise).',
  request: {
    params: UserIdParamsSchema,
    headers: IdempotencyKeySchema,
    body: { required: true, content: json(CreateItemBodySchema) },
  },
  responses: {
    201: {
      ...itemResponse('The new item (or, replayed, the one an earlier request created)'),
      headers: { ...ETAG_HEADER, ...LOCATION_HEADER, ...REPLAYED_HEADER },
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 503),
  },
});

export const listItemsRoute = createRoute({
  ...publicRoute,
  method: 'get',
  path: '/items',
  operationId: 'listItems',
  tags,
  summary: 'List items, ordered by id',
  description: `Pages of at most ${ITEMS_PAGE_MAX} items; page with \`after\` (keyset) or \`skip\`.`,
  request: { query: pageQuery(ITEMS_PAGE_MAX) },
  responses: { 200: pageResponse('A page of items'), ...problemResponses(422, 503) },
});

export const listOwnerItemsRoute = createRoute({
  ...publicRoute,
  method: 'get',
  path: '/users/{user_id}/items',
  operationId: 'listUserItems',
  tags,
  summary: "List a user's items, ordered by id (the tutorial's get_items_by_owner)",
  description: 'Every item of the user, page by page; 404 if there is no such user.',
  request: { params: UserIdParamsSchema, query: pageQuery(ITEMS_PAGE_MAX) },
  responses: {
    200: pageResponse("A page of the user's items"),
    ...problemResponses(404, 422, 503),
  },
});

export const getItemRoute = createRoute({
  ...publicRoute,
  method: 'get',
  path: '/items/{item_id}',
  operationId: 'getItem',
  tags,
  summary: 'Get an item',
  description: 'Anyone may read any item; the ETag serves conditional requests.',
  request: { params: ItemIdParamsSchema, headers: IfNoneMatchSchema },
  responses: {
    200: itemResponse('The item'),
    ...notModifiedResponse,
    ...problemResponses(404, 422, 503),
  },
});

const updateItem = {
  ...authenticatedJsonBody,
  path: '/items/{item_id}',
  tags,
  request: {
    params: ItemIdParamsSchema,
    headers: IfMatchSchema,
    body: { required: true, content: json(UpdateItemBodySchema) },
  },
  responses: {
    200: itemResponse('The updated item'),
    ...problemResponses(400, 401, 403, 404, 412, 413, 415, 422, 503),
  },
} as const;

export const patchItemRoute = createRoute({
  ...updateItem,
  method: 'patch',
  operationId: 'patchItem',
  summary: 'Update an item (only the fields sent change)',
  description: 'The owner, or a superuser.',
});

export const putItemRoute = createRoute({
  ...updateItem,
  method: 'put',
  operationId: 'putItem',
  summary: 'Update an item (same as PATCH: only the fields sent change)',
  description: 'The owner, or a superuser.',
});

export const deleteItemRoute = createRoute({
  ...authenticated,
  method: 'delete',
  path: '/items/{item_id}',
  operationId: 'deleteItem',
  tags,
  summary: 'Delete an item',
  description: 'The owner, or a superuser.',
  request: { params: ItemIdParamsSchema, headers: IfMatchSchema },
  responses: {
    200: itemResponse('The deleted item'),
    ...problemResponses(401, 403, 404, 412, 422, 503),
  },
});
