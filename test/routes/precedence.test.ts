/** Which error wins when a request is wrong in several ways at once. */
import { describe, expect, it } from 'vitest';
import { signUp } from '../helpers/factories.ts';
import { request } from '../helpers/http.ts';

const textBody = (method: string, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'Content-Type': 'text/plain', ...headers },
  body: 'hello',
});

async function expectStatus(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
}

describe('error precedence', () => {
  it('answers 404 for an unknown route whatever the body', async () => {
    await expectStatus(await request('/api/v1/nope', textBody('POST')), 404);
  });

  it('answers 401 before 415 on a protected route', async () => {
    await expectStatus(await request('/api/v1/items/1', textBody('PATCH')), 401);
  });

  it('answers 415 for a missing Content-Type on a route that takes a body', async () => {
    const owner = await signUp();
    const response = await request(`/api/v1/users/${owner.user.id}/items`, {
      method: 'POST',
      headers: owner.auth,
    });
    await expectStatus(response, 415);
    await expectStatus(await request('/api/v1/auth/token', { method: 'POST' }), 415);
  });
});

describe('self-only routes aimed at another id', () => {
  it('answer 404 when that user does not exist, 403 when they do', async () => {
    const me = await signUp();
    const other = await signUp();
    const json = { ...me.auth, 'Content-Type': 'application/json' };
    const missing = 2_000_000_000;
    for (const [id, status] of [
      [missing, 404],
      [other.user.id, 403],
    ] as const) {
      const body = JSON.stringify({ full_name: 'X', title: 'X' });
      await expectStatus(
        await request(`/api/v1/users/${id}`, { method: 'PATCH', headers: json, body }),
        status,
      );
      await expectStatus(
        await request(`/api/v1/users/${id}`, { method: 'DELETE', headers: me.auth }),
        status,
      );
      const items = `/api/v1/users/${id}/items`;
      await expectStatus(await request(items, { method: 'POST', headers: json, body }), status);
    }
  });
});
