/** A request id on every response and log line. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.ts';

export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestId(c, next) {
    // Always ours: a client-chosen id could collide with or impersonate another request's logs.
    const id = crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
