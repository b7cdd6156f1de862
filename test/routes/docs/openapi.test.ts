import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { api } from '../../helpers/http.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  description?: string;
  security?: unknown[];
  requestBody?: { required?: boolean };
  responses?: Record<
    string,
    {
      description?: string;
      headers?: Record<string, unknown>;
      content?: Record<string, { schema?: { $ref?: string } }>;
    }
  >;
}
interface Document {
  openapi: string;
  servers?: { url: string }[];
  info: { license?: unknown; contact?: unknown };
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

  it('says who may call each operation: a security requirement, or `security: []` for anyone', async () => {
    const document = await readDocument();
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license).toBeDefined();
    expect(document.info.contact).toBeDefined();
    for (const [key, operation] of documentedOperations(document)) {
      expect(operation.security, key).toBeDefined();
      expect(operation.description, key).toMatch(/.+/);
    }
    const publicOperations = documentedOperations(document)
      .filter(([, operation]) => operation.security?.length === 0)
      .map(([key]) => key);
    expect(publicOperations.sort()).toEqual([
      'get /api/v1/items',
      'get /api/v1/items/{item_id}',
      'get /api/v1/users/{user_id}/items',
      'get /health',
      'get /health/ready',
      'post /api/v1/auth/token',
      'post /api/v1/users',
    ]);
  });

  it('declares the response headers the API sends', async () => {
    const operations = documentedOperations(await readDocument());
    const headersOf = (status: string) =>
      operations.flatMap(([key, operation]) => {
        const response = operation.responses?.[status];
        return response ? [[key, Object.keys(response.headers ?? {})] as const] : [];
      });
    for (const [key, names] of headersOf('401')) expect(names, key).toContain('WWW-Authenticate');
    for (const status of ['429', '503']) {
      for (const [key, names] of headersOf(status)) expect(names, key).toContain('Retry-After');
    }
    for (const [key, names] of headersOf('201')) {
      expect(names, key).toEqual(
        expect.arrayContaining(['Location', 'ETag', 'Idempotent-Replayed']),
      );
    }
  });

  it('requires the login body and describes its own 401 and 403', async () => {
    const operations = Object.fromEntries(documentedOperations(await readDocument()));
    const login = operations['post /api/v1/auth/token'];
    expect(login?.requestBody?.required).toBe(true);
    expect(login?.responses?.['401']?.description).toMatch(/wrong password/);
    expect(login?.responses?.['403']?.description).toMatch(/inactive/);
  });

  it('documents the user and item shapes without any password field', async () => {
    const { components } = await readDocument();
    expect(components?.schemas).toHaveProperty('User');
    expect(components?.schemas).toHaveProperty('Item');
    const user = JSON.stringify(components?.schemas?.User);
    expect(user).not.toMatch(/password/);
  });
});
