/**
 * Opt-in, per route: one interactive transaction on a request-owned WebSocket pool, for handlers
 * that must read, decide in code, then write. It commits only when the handler raised nothing and
 * answered below 400; Hono's `await next()` never throws, so the decision reads `c.error` and the
 * status. (Every current endpoint does its work in one statement or batch over HTTP instead.)
 */
import type { PoolClient } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { Context, MiddlewareHandler } from 'hono';
import { registerOpenTransaction } from '../db/batch.ts';
import { createPool } from '../db/client.ts';
import { DatabaseUnavailableError } from '../db/errors.ts';
import * as schema from '../db/schema.ts';
import { logEvent } from '../lib/log.ts';
import type { AppEnv } from '../types.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Generic over the route's environment, so it can follow authenticate() in a route's middleware. */
export function interactiveTransaction<E extends AppEnv = AppEnv>(): MiddlewareHandler<E> {
  return async function interactiveTransaction(c, next) {
    // Reads never need one: they keep the HTTP driver the app-level middleware set.
    if (SAFE_METHODS.has(c.req.method)) return next();
    const pool = createPool(c.var.config);
    // workerd reports every server-side close as an error event; unhandled, it would crash.
    pool.on('error', (error: Error) =>
      logEvent(c, 'debug', 'database pool error', { error: error.name }),
    );
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      await client.query('BEGIN');
    } catch (error) {
      client?.release(true);
      await endPool(c, pool);
      throw new DatabaseUnavailableError('could not open a transaction', { cause: error });
    }
    const db = drizzle({ client, schema });
    registerOpenTransaction(db);
    c.set('db', db);
    try {
      await next();
      await finish(c, client);
    } finally {
      client.release();
      await endPool(c, pool);
    }
  };
}

async function finish<E extends AppEnv>(c: Context<E>, client: PoolClient): Promise<void> {
  if (c.error || c.res.status >= 400) {
    // A failed rollback leaves nothing committed: the server aborts the transaction on disconnect.
    await client.query('ROLLBACK').catch(() => undefined);
    return;
  }
  try {
    await client.query('COMMIT');
  } catch (error) {
    // The client must not be told "saved" for a commit that did not happen.
    throw new DatabaseUnavailableError('the commit failed', { cause: error });
  }
}

/** Ends the pool after the response is sent; awaited where no execution context exists. */
async function endPool<E extends AppEnv>(
  c: Context<E>,
  pool: { end(): Promise<void> },
): Promise<void> {
  const ending = pool.end().catch(() => undefined);
  let ctx: { waitUntil(promise: Promise<unknown>): void } | undefined;
  try {
    ctx = c.executionCtx;
  } catch {
    ctx = undefined;
  }
  if (ctx) ctx.waitUntil(ending);
  else await ending;
}
