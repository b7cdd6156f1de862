/**
 * The request's database: the HTTP driver for every request (one round trip per statement or
 * batch, nothing to open or close). Routes that need an interactive transaction add
 * interactiveTransaction() (transaction.ts) on top.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types.ts';
import { createHttpDatabase } from './client.ts';

export function httpDatabase(): MiddlewareHandler<AppEnv> {
  return async function httpDatabase(c, next) {
    c.set('db', createHttpDatabase(c.var.config));
    await next();
  };
}
