import { describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/api.ts';
import { createItem, newUserBody, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

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
      ['health', await api.get('/health'), 200],
      ['list items', await api.get('/api/v1/items?limit=1'), 200],
      ['get item', await api.get(`/api/v1/items/${item.id}`), 200],
      ['sign up', await api.post('/api/v1/users', { json: newUserBody() }), 201],
      ['me', await api.get('/api/v1/users/me', { token: owner.token }), 200],
      ['no token', await api.get('/api/v1/users/me'), 401],
      [
        'not owner',
        await api.delete(`/api/v1/users/${other.user.id}`, { token: owner.token }),
        403,
      ],
      ['unknown route', await api.get('/api/v1/nope'), 404],
      ['unknown root route', await api.get('/nope'), 404],
      ['missing item', await api.get('/api/v1/items/2147483647'), 404],
      ['invalid query', await api.get('/api/v1/items?limit=0'), 422],
      [
        'malformed json',
        await api.post('/api/v1/users', {
          body: '{',
          headers: { 'Content-Type': 'application/json' },
        }),
        400,
      ],
      [
        'wrong media type',
        await api.post('/api/v1/users', {
          body: 'hello',
          headers: { 'Content-Type': 'text/plain' },
        }),
        415,
      ],
      ['openapi', await api.get('/openapi.json'), 200],
    ];
    for (const [label, response, status] of responses) {
      expect(response.status, `${label}: ${await response.clone().text()}`).toBe(status);
      expectSecurityHeaders(response, label);
    }
  });

  it('give every response its own request id', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++)
      ids.add((await api.get('/api/v1/nope')).headers.get('X-Request-Id'));
    expect(ids.size).toBe(5);
  });

  it('never echo a request id a client sent: the server assigns its own', async () => {
    const safe = 'client-chosen-request-id-123';
    for (const sent of [safe, 'has spaces', 'semi;colon', '<script>', 'x'.repeat(300)]) {
      const response = await api.get('/health', { headers: { 'X-Request-Id': sent } });
      const id = response.headers.get('X-Request-Id');
      expect(id).not.toBe(sent);
      expect(id).toMatch(/^[\w=-]{8,255}$/);
    }
  });

  it('mark problem documents as problem+json, so browsers never sniff them', async () => {
    const response = await api.get('/api/v1/users/me');
    await expectProblem(response, 401);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
