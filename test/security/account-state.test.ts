import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem, expectUnauthorized } from '../helpers/api.ts';
import { createItem, login, type SignedUpUser, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

async function expectOk(response: Response, status = 200): Promise<void> {
  expect(response.status, await response.clone().text()).toBe(status);
}

async function deactivate(user: SignedUpUser): Promise<void> {
  const path = `/api/v1/users/${user.user.id}`;
  const response = await api.patch(path, { json: { is_active: false }, token: user.token });
  expect((await expectJson(response, 200, UserSchema)).is_active).toBe(false);
}

/** Every authenticated call a user might make with their own token. */
async function expectTokenDead(user: SignedUpUser, itemId: number, otherId: number) {
  const { token } = user;
  const id = user.user.id;
  await expectUnauthorized(await api.get('/api/v1/users/me', { token }));
  await expectUnauthorized(await api.get('/api/v1/users', { token }));
  await expectUnauthorized(await api.get(`/api/v1/users/${otherId}`, { token }));
  await expectUnauthorized(
    await api.patch(`/api/v1/users/${id}`, { json: { is_active: true }, token }),
  );
  await expectUnauthorized(
    await api.put(`/api/v1/users/${id}`, { json: { full_name: 'Back' }, token }),
  );
  await expectUnauthorized(
    await api.post(`/api/v1/users/${id}/items`, { json: { title: 'New' }, token }),
  );
  await expectUnauthorized(
    await api.patch(`/api/v1/items/${itemId}`, { json: { title: 'New' }, token }),
  );
  await expectUnauthorized(
    await api.put(`/api/v1/items/${itemId}`, { json: { title: 'New' }, token }),
  );
  await expectUnauthorized(await api.delete(`/api/v1/items/${itemId}`, { token }));
  // Aimed at someone else's account: still 401 (the token is dead), not 403.
  await expectUnauthorized(
    await api.patch(`/api/v1/users/${otherId}`, { json: { full_name: 'X' }, token }),
  );
  await expectUnauthorized(await api.delete(`/api/v1/users/${otherId}`, { token }));
  await expectUnauthorized(
    await api.post(`/api/v1/users/${otherId}/items`, { json: { title: 'X' }, token }),
  );
}

describe('a deleted user', () => {
  it('cannot use the token issued before the deletion', async () => {
    const user = await signUp();
    const other = await signUp();
    const { token } = user;
    const path = `/api/v1/users/${user.user.id}`;
    const deleted = await api.delete(path, { token });
    expect((await expectJson(deleted, 200, UserSchema)).id).toBe(user.user.id);

    await expectUnauthorized(await api.get('/api/v1/users/me', { token }));
    await expectUnauthorized(await api.get('/api/v1/users', { token }));
    await expectUnauthorized(await api.get(`/api/v1/users/${other.user.id}`, { token }));
    await expectUnauthorized(await api.delete(path, { token }));
  });

  it('cannot log in again', async () => {
    const user = await signUp();
    await expectOk(await api.delete(`/api/v1/users/${user.user.id}`, { token: user.token }));
    await expectProblem(await login(user.user.username, user.password), 401);
  });
});

describe('a deactivated user', () => {
  it('cannot use the token issued before the deactivation, and its data stays as it was', async () => {
    const user = await signUp();
    const other = await signUp();
    const item = await createItem(user);
    await deactivate(user);

    await expectTokenDead(user, item.id, other.user.id);

    const read = await api.get(`/api/v1/items/${item.id}`);
    expect(await expectJson(read, 200, ItemSchema)).toEqual(item);
  });

  it('answers 401 with an invalid_token challenge', async () => {
    const user = await signUp();
    await deactivate(user);
    const response = await api.get('/api/v1/users/me', { token: user.token });
    await expectUnauthorized(response);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('cannot log in, so it cannot obtain a fresh token either', async () => {
    const user = await signUp();
    await deactivate(user);
    const response = await login(user.user.username, user.password);
    const text = await response.clone().text();
    await expectProblem(response, 403);
    expect(text).not.toContain('access_token');
  });
});
