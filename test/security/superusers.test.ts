/** Superusers: who becomes one (nobody through the API), and what they may do that others may not. */
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem, expectUnauthorized } from '../helpers/api.ts';
import { createItem, login, makeSuperuser, newUserBody, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';
import { itemIdsOwnedBy } from '../helpers/rows.ts';

async function superuser() {
  const operator = await signUp();
  await makeSuperuser(operator.user.id);
  return operator;
}

describe('becoming a superuser', () => {
  it('is impossible through sign-up: is_superuser in the body is ignored', async () => {
    const body = newUserBody({ is_superuser: true });
    const created = await expectJson(
      await api.post('/api/v1/users', { json: body }),
      201,
      UserSchema,
    );
    expect(created.is_superuser).toBe(false);
  });

  it('is impossible for a non-superuser through PATCH or PUT, even on their own account: 403', async () => {
    const user = await signUp();
    const path = `/api/v1/users/${user.user.id}`;
    for (const method of ['PATCH', 'PUT']) {
      for (const is_superuser of [true, false]) {
        const json = { is_superuser, full_name: 'Not applied' };
        await expectProblem(await api.send(method, path, { json, token: user.token }), 403);
      }
    }
    const me = await expectJson(
      await api.get('/api/v1/users/me', { token: user.token }),
      200,
      UserSchema,
    );
    expect(me).toMatchObject({ is_superuser: false, full_name: user.user.full_name });
  });

  it('happens when a superuser promotes someone', async () => {
    const operator = await superuser();
    const user = await signUp();
    const path = `/api/v1/users/${user.user.id}`;
    const promoted = await api.patch(path, { json: { is_superuser: true }, token: operator.token });
    expect((await expectJson(promoted, 200, UserSchema)).is_superuser).toBe(true);
    const me = await api.get('/api/v1/users/me', { token: user.token });
    expect((await expectJson(me, 200, UserSchema)).is_superuser).toBe(true);
  });
});

describe('a superuser', () => {
  it('sees every field of every user, alone and in lists', async () => {
    const operator = await superuser();
    const user = await signUp();
    const one = await api.get(`/api/v1/users/${user.user.id}`, { token: operator.token });
    expect(await expectJson(one, 200, UserSchema)).toMatchObject({ email: user.user.email });
    const list = await api.get(`/api/v1/users?after=${operator.user.id - 1}&limit=15`, {
      token: operator.token,
    });
    for (const listed of await expectJson(list, 200, UserSchema.array())) {
      expect(listed.email).toMatch(/@/);
    }
  });

  it('deactivates a user (whose tokens die) and reactivates them (who can log in again)', async () => {
    const operator = await superuser();
    const user = await signUp();
    const path = `/api/v1/users/${user.user.id}`;
    const off = await api.patch(path, { json: { is_active: false }, token: operator.token });
    expect((await expectJson(off, 200, UserSchema)).is_active).toBe(false);
    await expectUnauthorized(await api.get('/api/v1/users/me', { token: user.token }));
    await expectProblem(await login(user.user.username, user.password), 403);

    const on = await api.patch(path, { json: { is_active: true }, token: operator.token });
    expect((await expectJson(on, 200, UserSchema)).is_active).toBe(true);
    expect((await login(user.user.username, user.password)).status).toBe(200);
    await expectUnauthorized(await api.get('/api/v1/users/me', { token: user.token }));
  });

  it("edits and deletes other users' items", async () => {
    const operator = await superuser();
    const owner = await signUp();
    const item = await createItem(owner);
    const path = `/api/v1/items/${item.id}`;
    const patched = await api.patch(path, { json: { title: 'Moderated' }, token: operator.token });
    expect(await expectJson(patched, 200, ItemSchema)).toMatchObject({
      title: 'Moderated',
      owner_id: owner.user.id,
    });
    expect((await api.delete(path, { token: operator.token })).status).toBe(200);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
  });

  it('edits and deletes other users', async () => {
    const operator = await superuser();
    const user = await signUp();
    await createItem(user);
    const path = `/api/v1/users/${user.user.id}`;
    const renamed = await api.put(path, {
      json: { full_name: 'Renamed by ops' },
      token: operator.token,
    });
    expect((await expectJson(renamed, 200, UserSchema)).full_name).toBe('Renamed by ops');
    const deleted = await api.delete(path, { token: operator.token });
    expect((await expectJson(deleted, 200, UserSchema)).items).toHaveLength(1);
    expect(await itemIdsOwnedBy(user.user.id)).toEqual([]);
  });

  it("still cannot create items in someone else's name, change their password or log them out", async () => {
    const operator = await superuser();
    const user = await signUp();
    const create = await api.post(`/api/v1/users/${user.user.id}/items`, {
      json: { title: 'Planted' },
      token: operator.token,
    });
    await expectProblem(create, 403);
    expect(await itemIdsOwnedBy(user.user.id)).toEqual([]);
  });
});
