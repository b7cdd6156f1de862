/** OpenAPI contracts of the health probes. */
import { createRoute, z } from '@hono/zod-openapi';
import { problemResponses } from '../../lib/openapi.ts';

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['health'],
  summary: 'Liveness: the Worker is running',
  responses: {
    200: {
      description: 'The Worker answers',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

export const readinessRoute = createRoute({
  method: 'get',
  path: '/health/ready',
  operationId: 'getReadiness',
  tags: ['health'],
  summary: 'Readiness: the database answers and has every migration this build needs',
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
