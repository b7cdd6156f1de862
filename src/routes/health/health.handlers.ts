/** Liveness (no database) and readiness (the database answers and is fully migrated). */
import { DatabaseUnavailableError } from '../../db/errors.ts';
import { countPendingMigrations } from '../../db/migrations.ts';
import { ApiError } from '../../lib/problem.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import type { healthRoute, readinessRoute } from './health.routes.ts';

export const getHealth: Handler<typeof healthRoute> = (c) => c.json({ status: 'ok' as const }, 200);

export const getReadiness: Handler<typeof readinessRoute> = async (c) => {
  const pending = await countPendingMigrations(c.var.db).catch((error: unknown) => {
    throw new DatabaseUnavailableError('readiness check failed', { cause: error });
  });
  if (pending > 0) {
    // A deploy that forgot to migrate: visible here rather than as 500s on the first write.
    throw new ApiError(503, `The database is missing ${pending} migration(s) this build needs.`, {
      headers: { 'Retry-After': '30' },
    });
  }
  return c.json({ status: 'ready' as const, database: 'ok' as const }, 200);
};
