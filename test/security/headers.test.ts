import { describe, expect, it } from 'vitest';
import { createItem, newUserBody, signUp } from '../helpers/factories.ts';
import { postJson, request } from '../helpers/http.ts';
import { send } from '../helpers/security.ts';

/** The headers every response carries, whatever its status. */
function expectSecurityHeaders(response: Response, label: string): void {
  const headers = response.headers;
  expect(headers.get('X-Content-Type-Options'), label).toBe('nosniff');
  expect(headers.get('X-Request-Id'), label).toMatch(/^[\w=-]{8,255}$/);
  expect(headers.get('X-Powered-By'), label).toBeNull();
  expect(headers.get('X-Frame-Options'), label).not.toBeNull();
  expect(headers.get('Referrer-Policy'), label).toBe('no-referrer');
  expect(headers.get('Strict-Transport-Security'), label).toMatch(/max-age=\d+/);
}

describe('security headers', () => {
  it('are on successes, client errors and unknown routes alike', async () => {
    const owner = await signUp();
    const other = await signUp();
    const item = await createItem(owner);
    const responses: [string, Response, number][] = [
      ['health', await request('/health'), 200],
      ['list items', await request('/api/v1/items?limit=1'), 200],
      ['get item', await request(`/api/v1/items/${item.id}`), 200],
      ['sign up', await postJson('/api/v1/users', newUserBody()), 201],
      ['me', await request('/api/v1/users/me', { headers: owner.auth }), 200],
      ['no token', await request('/api/v1/users/me'), 401],
      [
        'not owner',
        await send('DELETE', `/api/v1/users/${other.user.id}`, undefined, owner.auth),
        403,
      ],
      ['unknown route', await request('/api/v1/nope'), 404],
      ['unknown root route', await request('/nope'), 404],
      ['missing item', await request('/api/v1/items/2147483647'), 404],
      ['invalid query', await request('/api/v1/items?limit=0'), 422],
      [
        'malformed json',
        await request('/api/v1/users', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{',
        }),
        400,
      ],
      [
        'wrong media type',
        await request('/api/v1/users', {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: 'hello',
        }),
        415,
      ],
      ['openapi', await request('/openapi.json'), 200],
    ];
    for (const [label, response, status] of responses) {
      expect(response.status, `${label}: ${await response.clone().text()}`).toBe(status);
      expectSecurityHeaders(response, label);
    }
  });

  it('give every response its own request id', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++)
      ids.add((await request('/api/v1/nope')).headers.get('X-Request-Id'));
    expect(ids.size).toBe(5);
  });

  it('never echo a request id a client sent: the server assigns its own', async () => {
    const safe = 'client-chosen-request-id-123';
    for (const sent of [safe, 'has spaces', 'semi;colon', '<script>', 'x'.repeat(300)]) {
      const response = await request('/health', { headers: { 'X-Request-Id': sent } });
      const id = response.headers.get('X-Request-Id');
      expect(id).not.toBe(sent);
      expect(id).toMatch(/^[\w=-]{8,255}$/);
    }
  });

  it('mark problem documents as problem+json, so browsers never sniff them', async () => {
    const response = await request('/api/v1/users/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
