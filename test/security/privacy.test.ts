/** Email, last_login and updated_at are the account owner's business only. */
import { describe, expect, it } from 'vitest';
import {
  PublicUserSchema,
  UserSchema,
  VisibleUserSchema,
} from '../../src/routes/users/users.schemas.ts';
import { expectJson } from '../helpers/api.ts';
import { createItem, signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';

const PRIVATE = ['email', 'last_login', 'updated_at'];

describe('another user', () => {
  it('is shown without email, last_login or updated_at, alone and in lists', async () => {
    const owner = await signUp();
    await createItem(owner);
    const reader = await signUp();
    const one = await api.get(`/api/v1/users/${owner.user.id}`, { token: reader.token });
    const text = await one.clone().text();
    const seen = await expectJson(one, 200, PublicUserSchema);
    for (const key of PRIVATE) expect(JSON.parse(text)).not.toHaveProperty(key);
    expect(text).not.toContain(owner.user.email);
    expect(seen.items).toHaveLength(1);

    const list = await api.get(`/api/v1/users?after=${owner.user.id - 1}&limit=15`, {
      token: reader.token,
    });
    const users = await expectJson(list, 200, VisibleUserSchema.array());
    for (const user of users) {
      if (user.id === reader.user.id) expect(user).toMatchObject({ email: reader.user.email });
      else for (const key of PRIVATE) expect(user).not.toHaveProperty(key);
    }
  });

  it('is shown without private fields after a 403 too: the error says nothing about them', async () => {
    const owner = await signUp();
    const reader = await signUp();
    const refused = await api.patch(`/api/v1/users/${owner.user.id}`, {
      json: { full_name: 'x' },
      token: reader.token,
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain(owner.user.email);
  });
});

describe('your own account', () => {
  it('shows every field, in /users/me, /users/{id} and the list', async () => {
    const me = await signUp();
    const own = await api.get(`/api/v1/users/${me.user.id}`, { token: me.token });
    expect(await expectJson(own, 200, UserSchema)).toMatchObject({ email: me.user.email });
    const mine = await api.get('/api/v1/users/me', { token: me.token });
    const user = await expectJson(mine, 200, UserSchema);
    expect(user.last_login).not.toBeNull();
  });
});

describe('the OpenAPI document', () => {
  it('describes both shapes: User with the private fields, PublicUser without', async () => {
    const document = (await (await api.get('/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const { User, PublicUser } = document.components.schemas;
    for (const key of PRIVATE) {
      expect(User?.properties).toHaveProperty(key);
      expect(PublicUser?.properties).not.toHaveProperty(key);
    }
  });
});
