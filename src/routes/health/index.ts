/** Liveness and readiness probes. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { databaseUnavailable } from '../../db/transaction.ts';
import type { AppEnv } from '../../types.ts';
import { healthRoute, readinessRoute } from './health.routes.ts';

export const healthRouter = new OpenAPIHono<AppEnv>({ strict: false })
  .openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(readinessRoute, async (c) => {
    try {
      await c.var.db.execute(sql`select 1`);
    } catch (error) {
      throw databaseUnavailable(error);
    }
    return c.json({ status: 'ready' as const, database: 'ok' as const }, 200);
  });
