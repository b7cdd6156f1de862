import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../helpers/api.ts';
import { createItem, login, type SignedUpUser, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

/** The victim as they see themselves (last_login aside: reading it is not a change). */
async function snapshot(victim: SignedUpUser) {
  const response = await api.get('/api/v1/users/me', { token: victim.token });
  const { last_login: _, ...user } = await expectJson(response, 200, UserSchema);
  return user;
}

async function readItem(id: number) {
  return expectJson(await api.get(`/api/v1/items/${id}`), 200, ItemSchema);
}

describe("another user's account", () => {
  for (const method of ['PUT', 'PATCH'] as const) {
    it(`${method} /api/v1/users/{user_id} returns 403 and changes nothing`, async () => {
      const victim = await signUp();
      const attacker = await signUp();
      const before = await snapshot(victim);
      const changes = {
        username: `${victim.user.username}x`,
        email: `taken-over-${victim.user.email}`,
        full_name: 'Taken over',
        is_active: false,
      };
      const path = `/api/v1/users/${victim.user.id}`;
      const response = await api.send(method, path, { json: changes, token: attacker.token });
      await expectProblem(response, 403);

      expect(await snapshot(victim)).toEqual(before);
      const oldPassword = await login(victim.user.username, victim.password);
      expect(oldPassword.status, await oldPassword.clone().text()).toBe(200);
    });
  }

  it('DELETE /api/v1/users/{user_id} returns 403 and deletes nothing', async () => {
    const victim = await signUp();
    await createItem(victim);
    const attacker = await signUp();
    const before = await snapshot(victim);
    const path = `/api/v1/users/${victim.user.id}`;
    await expectProblem(await api.delete(path, { token: attacker.token }), 403);
    expect(await snapshot(victim)).toEqual(before);
  });

  it('POST /api/v1/users/{user_id}/items returns 403 and creates nothing', async () => {
    const victim = await signUp();
    await createItem(victim);
    const attacker = await signUp();
    const before = await snapshot(victim);
    const path = `/api/v1/users/${victim.user.id}/items`;
    const response = await api.post(path, { json: { title: 'Planted' }, token: attacker.token });
    await expectProblem(response, 403);
    expect(await snapshot(victim)).toEqual(before);
    expect((await snapshot(attacker)).items).toEqual([]);
  });
});

describe("another user's item", () => {
  const writes: ['PATCH' | 'PUT' | 'DELETE', unknown?][] = [
    ['PATCH', { title: 'Defaced', price: 0.01 }],
    ['PUT', { title: 'Defaced', description: null, price: null }],
    ['DELETE'],
  ];
  for (const [method, body] of writes) {
    it(`${method} /api/v1/items/{item_id} returns 403 and leaves the item as it was`, async () => {
      const victim = await signUp();
      const item = await createItem(victim, { title: 'Original', price: 12.5 });
      const attacker = await signUp();
      const path = `/api/v1/items/${item.id}`;
      const response = await api.send(method, path, { json: body, token: attacker.token });
      await expectProblem(response, 403);
      expect(await readItem(item.id)).toEqual(item);
    });
  }
});

describe('ownership cannot be set through a body', () => {
  it('POST /api/v1/users/{user_id}/items ignores owner_id and id', async () => {
    const victim = await signUp();
    const victimItem = await createItem(victim);
    const attacker = await signUp();
    const item = await createItem(attacker, { owner_id: victim.user.id, id: victimItem.id });
    expect(item.owner_id).toBe(attacker.user.id);
    expect(item.id).not.toBe(victimItem.id);
    expect((await snapshot(victim)).items).toEqual([victimItem]);
  });

  it('PATCH /api/v1/items/{item_id} ignores owner_id', async () => {
    const victim = await signUp();
    const attacker = await signUp();
    const item = await createItem(attacker);
    const path = `/api/v1/items/${item.id}`;
    const json = { owner_id: victim.user.id };
    const response = await api.patch(path, { json, token: attacker.token });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await readItem(item.id)).owner_id).toBe(attacker.user.id);
    expect((await snapshot(victim)).items).toEqual([]);
  });

  it('PATCH /api/v1/users/{user_id} ignores id and hashed_password', async () => {
    const user = await signUp();
    const body = { id: user.user.id + 1, hashed_password: 'pbkdf2_sha256$1$AAAA$AAAA' };
    const path = `/api/v1/users/${user.user.id}`;
    const response = await api.patch(path, { json: body, token: user.token });
    expect((await expectJson(response, 200, UserSchema)).id).toBe(user.user.id);
    const again = await login(user.user.username, user.password);
    expect(again.status, await again.clone().text()).toBe(200);
  });
});
