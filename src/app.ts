/** createApp(): middleware, error handling, documentation and routes, in the order they run. */

import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { httpDatabase } from './db/middleware.ts';
import { readConfig } from './env.ts';
import { handleError } from './lib/error-handler.ts';
import { logEvent } from './lib/log.ts';
import { SECURITY_SCHEME } from './lib/openapi.ts';
import { ApiError, problemResponse } from './lib/problem.ts';
import { limitBodySize, validationHook } from './lib/request-body.ts';
import { TOKEN_PATH } from './routes/auth/auth.routes.ts';
import { authRouter } from './routes/auth/index.ts';
import { docsRouter } from './routes/docs/index.ts';
import { healthRouter } from './routes/health/index.ts';
import { itemsRouter } from './routes/items/index.ts';
import { API_PREFIX } from './routes/paths.ts';
import { usersRouter } from './routes/users/index.ts';
import type { AppEnv } from './types.ts';

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook });

  app.use(async function requestId(c, next) {
    // Always ours: a client-chosen id could collide with or impersonate another request's logs.
    const id = crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  });
  app.use(accessLog());
  app.use(secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use(async function config(c, next) {
    c.set('config', readConfig(c.env));
    await next();
  });
  app.use(corsFromConfig());
  app.use(`${API_PREFIX}/*`, limitBodySize());
  app.use('/health/*', httpDatabase());
  app.use(`${API_PREFIX}/*`, httpDatabase());

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Users & items API',
      version: '1.0.0',
      description: 'Users and the items they own. Errors are RFC 9457 problem documents.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', SECURITY_SCHEME, {
    type: 'oauth2',
    description: 'Log in at the token endpoint; send the token as `Authorization: Bearer <token>`.',
    flows: { password: { tokenUrl: API_PREFIX + TOKEN_PATH, scopes: {} } },
  });
  app.route('/', docsRouter);
  app.notFound((c) =>
    problemResponse(c, new ApiError(404, `No route for ${c.req.method} ${c.req.path}.`)),
  );
  app.onError(handleError);

  return app
    .route('/', healthRouter)
    .route(API_PREFIX, authRouter)
    .route(API_PREFIX, usersRouter)
    .route(API_PREFIX, itemsRouter);
}

/** The app's type: `hc<App>(url)` from `hono/client` gives a typed client. */
export type App = ReturnType<typeof createApp>;

/** Browsers may call the API only from the origins CORS_ORIGINS lists (none by default). */
function corsFromConfig(): MiddlewareHandler<AppEnv> {
  return cors({
    origin: (origin, c: Context<AppEnv>) =>
      c.var.config.CORS_ORIGINS.includes(origin) ? origin : null,
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: ['X-Request-Id', 'Location', 'Retry-After', 'WWW-Authenticate'],
    maxAge: 600,
  });
}

function accessLog(): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const started = Date.now();
    await next();
    logEvent(c, 'info', 'request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Date.now() - started,
    });
  };
}
