/** Which error wins when a request is wrong in several ways at once. */
import { describe, it } from 'vitest';
import { expectProblem } from '../helpers/api.ts';
import { signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

const TEXT = { body: 'hello', headers: { 'Content-Type': 'text/plain' } };

describe('error precedence', () => {
  it('answers 404 for an unknown route whatever the body', async () => {
    await expectProblem(await api.post('/api/v1/nope', TEXT), 404);
  });

  it('answers 401 before 415 on a protected route', async () => {
    await expectProblem(await api.patch('/api/v1/items/1', TEXT), 401);
  });

  it('answers 415 for a missing Content-Type on a route that takes a body', async () => {
    const owner = await signUp();
    const response = await api.post(`/api/v1/users/${owner.user.id}/items`, { token: owner.token });
    await expectProblem(response, 415);
    await expectProblem(await api.post('/api/v1/auth/token'), 415);
  });
});

describe('self-only routes aimed at another id', () => {
  it('answer 404 when that user does not exist, 403 when they do', async () => {
    const me = await signUp();
    const other = await signUp();
    const { token } = me;
    const missing = 2_000_000_000;
    for (const [id, status] of [
      [missing, 404],
      [other.user.id, 403],
    ] as const) {
      const json = { full_name: 'X', title: 'X' };
      await expectProblem(await api.patch(`/api/v1/users/${id}`, { json, token }), status);
      await expectProblem(await api.delete(`/api/v1/users/${id}`, { token }), status);
      await expectProblem(await api.post(`/api/v1/users/${id}/items`, { json, token }), status);
    }
  });
});
