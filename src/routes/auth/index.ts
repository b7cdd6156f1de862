/** The auth router: the token endpoint's contract bound to its handler. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from '../../lib/validation.ts';
import type { AppEnv } from '../../types.ts';
import { createToken } from './auth.handlers.ts';
import { createTokenRoute } from './auth.routes.ts';

export const authRouter = new OpenAPIHono<AppEnv>({
  strict: false,
  defaultHook: validationHook,
}).openapi(createTokenRoute, createToken);
