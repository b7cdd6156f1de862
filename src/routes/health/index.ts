/** The health router: liveness and readiness probes. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../types.ts';
import { getHealth, getReadiness } from './health.handlers.ts';
import { healthRoute, readinessRoute } from './health.routes.ts';

export const healthRouter = new OpenAPIHono<AppEnv>({ strict: false })
  .openapi(healthRoute, getHealth)
  .openapi(readinessRoute, getReadiness);
