/** Liveness and readiness probes. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { countPendingMigrations } from '../../db/migrations.ts';
import { databaseUnavailable } from '../../db/transaction.ts';
import { ApiError } from '../../lib/problem.ts';
import type { AppEnv } from '../../types.ts';
import { healthRoute, readinessRoute } from './health.routes.ts';

export const healthRouter = new OpenAPIHono<AppEnv>({ strict: false })
  .openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(readinessRoute, async (c) => {
    let pending: number;
    try {
      pending = await countPendingMigrations(c.var.db);
    } catch (error) {
      throw databaseUnavailable(error);
    }
    if (pending > 0) {
      // A deploy that forgot to migrate: visible here rather than as 500s on the first write.
      throw new ApiError(503, `The database is missing ${pending} migration(s) this build needs.`, {
        headers: { 'Retry-After': '30' },
      });
    }
    return c.json({ status: 'ready' as const, database: 'ok' as const }, 200);
  });
