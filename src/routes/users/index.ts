/** The users router: contracts bound to handlers, chained so the client types flow. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../../lib/validation.ts';
import type { AppEnv } from '../../types.ts';
import * as handlers from './users.handlers.ts';
import * as routes from './users.routes.ts';

export const usersRouter = new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook })
  .openapi(routes.createUserRoute, handlers.createUser)
  .openapi(routes.listUsersRoute, handlers.listUsers)
  // Before /users/{user_id}, so `me` is not read as an id.
  .openapi(routes.getMeRoute, handlers.getMe)
  .openapi(routes.getUserRoute, handlers.getUser)
  .openapi(routes.patchUserRoute, handlers.updateUser)
  .openapi(routes.putUserRoute, handlers.updateUser)
  .openapi(routes.deleteUserRoute, handlers.deleteUser);
