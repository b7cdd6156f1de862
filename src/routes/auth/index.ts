/** The auth router: log in, log out everywhere, change password. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../../lib/validation.ts';
import type { AppEnv } from '../../types.ts';
import * as handlers from './auth.handlers.ts';
import * as routes from './auth.routes.ts';

export const authRouter = new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook })
  .openapi(routes.createTokenRoute, handlers.createToken)
  .openapi(routes.logoutRoute, handlers.logout)
  .openapi(routes.changePasswordRoute, handlers.changePassword);
