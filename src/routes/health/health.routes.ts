/** OpenAPI contracts of the health probes. */
import { createRoute, z } from '@hono/zod-openapi';
import { problemResponses, publicRoute } from '../../lib/openapi.ts';

export const healthRoute = createRoute({
  ...publicRoute,
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['health'],
  summary: 'Liveness: the Worker is running',
  description: 'Answers without touching the database.',
  responses: {
    200: {
      description: 'The Worker answers',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

export const readinessRoute = createRoute({
  ...publicRoute,
  method: 'get',
  path: '/health/ready',
  operationId: 'getReadiness',
  tags: ['health'],
  summary: 'Readiness: the database answers and has every migration this build needs',
  description: '503 with Retry-After while the database is unreachable or missing migrations.',
  responses: {
    200: {
      description: 'Ready for traffic',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ready'), database: z.literal('ok') }),
        },
      },
    },
    ...problemResponses(503),
  },
});
