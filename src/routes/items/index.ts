/** The items router: contracts bound to handlers, chained so the client types flow. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../../lib/validation.ts';
import type { AppEnv } from '../../types.ts';
import * as handlers from './items.handlers.ts';
import * as routes from './items.routes.ts';

export const itemsRouter = new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook })
  .openapi(routes.createItemRoute, handlers.createItem)
  .openapi(routes.listItemsRoute, handlers.listItems)
  .openapi(routes.listOwnerItemsRoute, handlers.listOwnerItems)
  .openapi(routes.getItemRoute, handlers.getItem)
  .openapi(routes.patchItemRoute, handlers.updateItem)
  .openapi(routes.putItemRoute, handlers.updateItem)
  .openapi(routes.deleteItemRoute, handlers.deleteItem);
