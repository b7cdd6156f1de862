/** One log line per request: method, path, status and duration (never the query string or body). */
import type { MiddlewareHandler } from 'hono';
import { logEvent } from '../lib/log.ts';
import type { AppEnv } from '../types.ts';

export function accessLog(): MiddlewareHandler<AppEnv> {
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
