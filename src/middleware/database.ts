/**
 * The request's database: the HTTP driver (one round trip per statement or batch, nothing to open
 * or close). Routes that need an interactive transaction add interactiveTransaction() on top.
 */
import type { MiddlewareHandler } from 'hono';
import { createHttpDatabase } from '../db/client.ts';
import type { AppEnv } from '../types.ts';

export function database(): MiddlewareHandler<AppEnv> {
  return async function database(c, next) {
    c.set('db', createHttpDatabase(c.var.config));
    await next();
  };
}
