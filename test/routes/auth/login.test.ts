/** POST /api/v1/auth/token: who may log in, with what, and what it records. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { users } from '../../../src/db/schema.ts';
import { TokenSchema } from '../../../src/routes/auth/auth.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson, expectUnauthorized } from '../../helpers/api.ts';
import { testDatabase } from '../../helpers/db.ts';
import { signUp } from '../../helpers/factories.ts';
import { api, appClient } from '../../helpers/http.ts';

async function lastLogin(id: number) {
  const [row] = await testDatabase()
    .select({ lastLogin: users.lastLogin })
    .from(users)
    .where(eq(users.id, id));
  return row?.lastLogin;
}

describe('POST /api/v1/auth/token', () => {
  it('answers before recording last_login, which the Worker then writes with waitUntil', async () => {
    const user = await signUp();
    await testDatabase().update(users).set({ lastLogin: null }).where(eq(users.id, user.user.id));
    // appClient waits for the request's waitUntil work, as the runtime does after responding.
    const response = await appClient(createApp()).post('/api/v1/auth/token', {
      form: { username: user.user.username, password: user.password },
    });
    await expectJson(response, 200, TokenSchema);
    const stamped = await lastLogin(user.user.id);
    expect(stamped).toBeInstanceOf(Date);
    expect(Date.now() - (stamped?.getTime() ?? 0)).toBeLessThan(60_000);
  });

  it('issues tokens that name the current token version: a logout kills them all', async () => {
    const user = await signUp();
    const response = await api.post('/api/v1/auth/token', {
      json: { username: user.user.email, password: user.password },
    });
    const { access_token } = await expectJson(response, 200, TokenSchema);
    expect((await api.post('/api/v1/auth/logout', { token: user.token })).status).toBe(204);
    await expectUnauthorized(await api.get('/api/v1/users/me', { token: access_token }));
  });
});

describe('deactivation', () => {
  it('retires every token: reactivating the account does not revive them', async () => {
    const user = await signUp();
    const path = `/api/v1/users/${user.user.id}`;
    const off = await api.patch(path, { json: { is_active: false }, token: user.token });
    expect((await expectJson(off, 200, UserSchema)).is_active).toBe(false);
    // As an operator would: straight in the database.
    await testDatabase().update(users).set({ isActive: true }).where(eq(users.id, user.user.id));
    await expectUnauthorized(await api.get('/api/v1/users/me', { token: user.token }));
    const again = await api.post('/api/v1/auth/token', {
      form: { username: user.user.username, password: user.password },
    });
    const { access_token } = await expectJson(again, 200, TokenSchema);
    expect((await api.get('/api/v1/users/me', { token: access_token })).status).toBe(200);
  });
});
