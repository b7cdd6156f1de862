/** Browsers may call the API only from the origins CORS_ORIGINS lists (none by default). */
import type { Context, MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import type { AppEnv } from '../types.ts';

export function cors(): MiddlewareHandler<AppEnv> {
  return honoCors({
    origin: (origin, c: Context<AppEnv>) =>
      c.var.config.CORS_ORIGINS.includes(origin) ? origin : null,
    // Every request header the document declares: conditional requests and safe retries too.
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match'],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Every response header the document declares, so browser clients can read them too.
    exposeHeaders: [
      'X-Request-Id',
      'Location',
      'Retry-After',
      'WWW-Authenticate',
      'ETag',
      'Link',
      'Idempotent-Replayed',
      'Allow',
    ],
    maxAge: 600,
  });
}
