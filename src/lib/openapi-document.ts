/**
 * The OpenAPI document the Worker serves at /openapi.json (and `npm run lint:openapi` lints):
 * what the routes declare, plus the document-wide parts no route owns.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../types.ts';

const CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Users & items API',
    version: '1.0.0',
    description: 'Users and the items they own. Errors are RFC 9457 problem documents.',
    // The package is private and unpublished: no open-source licence is granted.
    license: { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' },
    contact: { name: 'The maintainers of this repository' },
  },
  // Relative: the document is served by the API it describes, wherever that is deployed.
  servers: [{ url: '/', description: 'The origin serving this document' }],
  tags: [
    { name: 'auth', description: 'Log in, log out everywhere, change your password.' },
    { name: 'users', description: 'Accounts: sign-up, profiles, updates, deletion.' },
    { name: 'items', description: 'Items and their owners.' },
    { name: 'health', description: 'Liveness and readiness probes.' },
  ],
};

/** Bodies zod-openapi cannot mark required without validating every media type they list. */
const REQUIRED_BODIES = [['/api/v1/auth/token', 'post']] as const;

export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  const document = app.getOpenAPI31Document(CONFIG);
  for (const [path, method] of REQUIRED_BODIES) {
    const body = document.paths?.[path]?.[method]?.requestBody;
    if (body && !('$ref' in body)) body.required = true;
  }
  return document;
}
