import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { api } from '../../helpers/http.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

const DOCUMENTATION = new Set(['/openapi.json', '/docs', '/docs/init.js', '/docs/:file']);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

async function readDocument(): Promise<Document> {
  const response = await api.get('/openapi.json');
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<Document>();
}

/** `get /api/v1/users/{user_id}` for every handler the app registered (middleware excluded). */
function registeredOperations(): string[] {
  const operations = createApp()
    .routes.filter((route) => route.method !== 'ALL' && !DOCUMENTATION.has(route.path))
    .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(operations)].sort();
}

function documentedOperations(document: Document): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]): [string, Operation] => [`${method} ${path}`, operation]),
  );
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document', async () => {
    expect((await readDocument()).openapi).toMatch(/^3\.1\./);
  });

  it('documents exactly the routes the app serves', async () => {
    const documented = documentedOperations(await readDocument()).map(([key]) => key);
    const registered = registeredOperations();
    expect(registered).toContain('post /api/v1/users');
    expect(registered).toContain('delete /api/v1/items/{item_id}');
    expect(documented.sort()).toEqual(registered);
  });

  it('gives every operation a unique operationId and at least one tag', async () => {
    const operations = documentedOperations(await readDocument());
    for (const [key, operation] of operations) {
      expect(operation.operationId, key).toMatch(/^\w+$/);
      expect(operation.tags?.length, key).toBeGreaterThan(0);
    }
    const ids = operations.map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the Problem schema and points every error response at it', async () => {
    const document = await readDocument();
    expect(document.components?.schemas).toHaveProperty('Problem');
    for (const [key, operation] of documentedOperations(document)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) continue;
        const schema = response.content?.['application/problem+json']?.schema;
        expect(schema?.$ref, `${key} ${status}`).toBe('#/components/schemas/Problem');
      }
    }
  });

  it('documents the user and item shapes without any password field', async () => {
    const { components } = await readDocument();
    expect(components?.schemas).toHaveProperty('User');
    expect(components?.schemas).toHaveProperty('Item');
    const user = JSON.stringify(components?.schemas?.User);
    expect(user).not.toMatch(/password/);
  });
});
