/** 405 with Allow for a known path asked with another method; fixed segments are never ids. */
import { describe, expect, it } from 'vitest';
import { expectProblem } from '../helpers/api.ts';
import { createItem, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('a known path with a method it does not have', () => {
  for (const [method, path, allow] of [
    ['DELETE', '/api/v1/users', 'GET, HEAD, POST, OPTIONS'],
    ['POST', '/api/v1/users/1', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
    ['POST', '/api/v1/items', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/api/v1/items/', 'GET, HEAD, OPTIONS'],
    ['POST', '/api/v1/items/1', 'GET, HEAD, PUT, PATCH, DELETE, OPTIONS'],
    ['GET', '/api/v1/auth/token', 'POST, OPTIONS'],
    ['POST', '/health', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/openapi.json', 'GET, HEAD, OPTIONS'],
  ] as const) {
    it(`answers ${method} ${path} with 405 and Allow: ${allow}`, async () => {
      const body = method === 'GET' ? undefined : '{}';
      const response = await api.send(method, path, { headers: JSON_TYPE, body });
      const problem = await expectProblem(response, 405);
      expect(response.headers.get('Allow')).toBe(allow);
      expect(problem.detail).toContain(method);
    });
  }

  it('answers before authentication: no token, still 405 rather than 401', async () => {
    const response = await api.send('POST', '/api/v1/users/me', { headers: JSON_TYPE, body: '{}' });
    await expectProblem(response, 405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers HEAD wherever GET is', async () => {
    const response = await api.head('/api/v1/items');
    expect(response.status).toBe(200);
  });

  it('keeps 404 for paths no route has', async () => {
    const response = await api.send('PATCH', '/api/v1/nothing/here');
    const problem = await expectProblem(response, 404);
    expect(response.headers.get('Allow')).toBeNull();
    expect(problem.detail).toContain('/api/v1/nothing/here');
  });
});

describe('fixed path segments are never parameter values', () => {
  for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
    it(`answers ${method} /users/me with 405 (it is not user "me"), token or not`, async () => {
      const { token } = await signUp();
      for (const auth of [{}, { token }]) {
        const response = await api.send(method, '/api/v1/users/me', {
          headers: JSON_TYPE,
          body: method === 'DELETE' ? undefined : '{}',
          ...auth,
        });
        await expectProblem(response, 405);
        expect(response.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
      }
    });
  }

  it('answers /users/me/items with 404, never as the items of user "me"', async () => {
    const owner = await signUp();
    await expectProblem(await api.get('/api/v1/users/me/items'), 404);
    const body = JSON.stringify({ title: 'Lamp' });
    const response = await api.post('/api/v1/users/me/items', {
      headers: JSON_TYPE,
      body,
      token: owner.token,
    });
    await expectProblem(response, 404);
  });

  it('still reads /users/me and real ids', async () => {
    const owner = await signUp();
    await createItem(owner);
    expect((await api.get('/api/v1/users/me', { token: owner.token })).status).toBe(200);
    const items = await api.get(`/api/v1/users/${owner.user.id}/items`);
    expect(items.status).toBe(200);
  });
});
