import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectNoSecrets, expectProblem, expectUnauthorized } from '../helpers/api.ts';
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

describe('changing the password', () => {
  for (const method of ['PATCH', 'PUT'] as const) {
    it(`${method} /api/v1/users/{user_id} with a new password retires the old one`, async () => {
      const user = await signUp();
      const newPassword = 'a brand new passphrase';
      const path = `/api/v1/users/${user.user.id}`;
      const json = { password: newPassword };
      await expectOk(await api.send(method, path, { json, token: user.token }));

      const old = await login(user.user.username, user.password);
      await expectUnauthorized(old);
      expect(old.headers.get('WWW-Authenticate')).toBe('Bearer');
      await expectOk(await login(user.user.username, newPassword));
      const credentials = { username: user.user.username, password: newPassword };
      await expectOk(await api.post('/api/v1/auth/token', { json: credentials }));
    });
  }

  it('leaves the password alone when the update does not send one', async () => {
    const user = await signUp();
    const path = `/api/v1/users/${user.user.id}`;
    await expectOk(await api.patch(path, { json: { full_name: 'Renamed' }, token: user.token }));
    await expectOk(await login(user.user.username, user.password));
  });

  it('rejects a new password outside 8..128 characters and keeps the old one', async () => {
    const user = await signUp();
    const path = `/api/v1/users/${user.user.id}`;
    for (const password of ['short', 'x'.repeat(129)]) {
      const response = await api.patch(path, { json: { password }, token: user.token });
      const text = await response.clone().text();
      await expectProblem(response, 422);
      expectNoSecrets(text, password);
    }
    await expectOk(await login(user.user.username, user.password));
  });
});
