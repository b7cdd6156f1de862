import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { createItem, login, type SignedUpUser, signUp } from '../helpers/factories.ts';
import { request } from '../helpers/http.ts';
import { send } from '../helpers/security.ts';
import { expectUnauthorized } from '../helpers/tokens.ts';

async function expectOk(response: Response, status = 200): Promise<void> {
  expect(response.status, await response.clone().text()).toBe(status);
}

async function deactivate(user: SignedUpUser): Promise<void> {
  const response = await send(
    'PATCH',
    `/api/v1/users/${user.user.id}`,
    { is_active: false },
    user.auth,
  );
  await expectOk(response);
  expect(UserSchema.parse(await response.json()).is_active).toBe(false);
}

/** Every authenticated call a user might make with their own token. */
async function expectTokenDead(user: SignedUpUser, itemId: number, otherId: number) {
  const { auth } = user;
  const id = user.user.id;
  await expectUnauthorized(await request('/api/v1/users/me', { headers: auth }));
  await expectUnauthorized(await request('/api/v1/users', { headers: auth }));
  await expectUnauthorized(await request(`/api/v1/users/${otherId}`, { headers: auth }));
  await expectUnauthorized(await send('PATCH', `/api/v1/users/${id}`, { is_active: true }, auth));
  await expectUnauthorized(await send('PUT', `/api/v1/users/${id}`, { full_name: 'Back' }, auth));
  await expectUnauthorized(await send('POST', `/api/v1/users/${id}/items`, { title: 'New' }, auth));
  await expectUnauthorized(await send('PATCH', `/api/v1/items/${itemId}`, { title: 'New' }, auth));
  await expectUnauthorized(await send('PUT', `/api/v1/items/${itemId}`, { title: 'New' }, auth));
  await expectUnauthorized(await send('DELETE', `/api/v1/items/${itemId}`, undefined, auth));
  // Aimed at someone else's account: still 401 (the token is dead), not 403.
  await expectUnauthorized(
    await send('PATCH', `/api/v1/users/${otherId}`, { full_name: 'X' }, auth),
  );
  await expectUnauthorized(await send('DELETE', `/api/v1/users/${otherId}`, undefined, auth));
  await expectUnauthorized(
    await send('POST', `/api/v1/users/${otherId}/items`, { title: 'X' }, auth),
  );
}

describe('a deleted user', () => {
  it('cannot use the token issued before the deletion', async () => {
    const user = await signUp();
    const other = await signUp();
    const deleted = await send('DELETE', `/api/v1/users/${user.user.id}`, undefined, user.auth);
    await expectOk(deleted);
    expect(UserSchema.parse(await deleted.json()).id).toBe(user.user.id);

    await expectUnauthorized(await request('/api/v1/users/me', { headers: user.auth }));
    await expectUnauthorized(await request('/api/v1/users', { headers: user.auth }));
    await expectUnauthorized(
      await request(`/api/v1/users/${other.user.id}`, { headers: user.auth }),
    );
    const again = await send('DELETE', `/api/v1/users/${user.user.id}`, undefined, user.auth);
    await expectUnauthorized(again);
  });

  it('cannot log in again', async () => {
    const user = await signUp();
    await expectOk(await send('DELETE', `/api/v1/users/${user.user.id}`, undefined, user.auth));
    const response = await login(user.user.username, user.password);
    expect(response.status, await response.clone().text()).toBe(401);
  });
});

describe('a deactivated user', () => {
  it('cannot use the token issued before the deactivation, and its data stays as it was', async () => {
    const user = await signUp();
    const other = await signUp();
    const item = await createItem(user);
    await deactivate(user);

    await expectTokenDead(user, item.id, other.user.id);

    const read = await request(`/api/v1/items/${item.id}`);
    await expectOk(read);
    expect(ItemSchema.parse(await read.json())).toEqual(item);
  });

  it('answers 401 with an invalid_token challenge', async () => {
    const user = await signUp();
    await deactivate(user);
    const response = await request('/api/v1/users/me', { headers: user.auth });
    expect(response.status, await response.clone().text()).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('cannot log in, so it cannot obtain a fresh token either', async () => {
    const user = await signUp();
    await deactivate(user);
    const response = await login(user.user.username, user.password);
    expect(response.status, await response.clone().text()).toBe(403);
    expect(await response.text()).not.toContain('access_token');
  });
});
