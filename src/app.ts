/** createApp(): the request pipeline (src/middleware/, in the order it runs), documentation, routes. */

import { OpenAPIHono } from '@hono/zod-openapi';
import { handleError, problemResponse } from './lib/error-handler.ts';
import { SECURITY_SCHEME } from './lib/openapi.ts';
import { openApiDocument } from './lib/openapi-document.ts';
import { noRoute } from './lib/problem.ts';
import { validationHook } from './lib/validation.ts';
import { accessLog } from './middleware/access-log.ts';
import { allowedMethods } from './middleware/allowed-methods.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { config } from './middleware/config.ts';
import { cors } from './middleware/cors.ts';
import { database } from './middleware/database.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
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

  // Authentication (and the JSON media-type check) are route middleware: see src/lib/openapi.ts.
  app.use(requestId());
  app.use(accessLog());
  app.use(securityHeaders());
  app.use(config());
  app.use(cors());
  app.use(allowedMethods(() => app.routes));
  app.use(`${API_PREFIX}/*`, bodyLimit());
  app.use('/health/*', database());
  app.use(`${API_PREFIX}/*`, database());

  app.get('/openapi.json', (c) => c.json(openApiDocument(app)));
  app.openAPIRegistry.registerComponent('securitySchemes', SECURITY_SCHEME, {
    type: 'oauth2',
    description: 'Log in at the token endpoint; send the token as `Authorization: Bearer <token>`.',
    flows: { password: { tokenUrl: API_PREFIX + TOKEN_PATH, scopes: {} } },
  });
  app.route('/', docsRouter);
  app.notFound((c) => problemResponse(c, noRoute(c.req.method, c.req.path)));
  app.onError(handleError);

  return app
    .route('/', healthRouter)
    .route(API_PREFIX, authRouter)
    .route(API_PREFIX, usersRouter)
    .route(API_PREFIX, itemsRouter);
}

/** The app's type: `hc<App>(url)` from `hono/client` gives a typed client. */
export type App = ReturnType<typeof createApp>;
