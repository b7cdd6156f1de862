/**
 * The last active superuser cannot demote, deactivate or delete themselves. Run against a database
 * of this file's own (SOLO_DATABASE_URL), the only way "last" means something while other files
 * make superusers in the shared one; each test starts by demoting whoever is left.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createHttpDatabase } from '../../src/db/client.ts';
import { users } from '../../src/db/schema.ts';
import { readConfig } from '../../src/env.ts';
import { TokenSchema } from '../../src/routes/auth/auth.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../helpers/api.ts';
import { makeSuperuser, newUserBody, type SignedUpUser } from '../helpers/factories.ts';
import { appClient } from '../helpers/http.ts';

const solo = appClient(createApp(), { DATABASE_URL: env.SOLO_DATABASE_URL });
const soloDb = createHttpDatabase(readConfig({ ...env, DATABASE_URL: env.SOLO_DATABASE_URL }));

async function operator(): Promise<SignedUpUser> {
  const body = newUserBody();
  const user = await expectJson(await solo.post('/api/v1/users', { json: body }), 201, UserSchema);
  const form = { username: body.username, password: body.password };
  const { access_token } = await expectJson(
    await solo.post('/api/v1/auth/token', { form }),
    200,
    TokenSchema,
  );
  const signedUp = { user, password: body.password, token: access_token, auth: {} };
  await makeSuperuser(user.id, soloDb);
  return signedUp;
}

async function isActiveSuperuser(id: number) {
  const me = await solo.get(`/api/v1/users/${id}`, { token: (await operator()).token });
  const user = await expectJson(me, 200, UserSchema);
  return user.is_superuser && user.is_active;
}

beforeEach(async () => {
  await soloDb.update(users).set({ isSuperuser: false });
});

describe('the last active superuser', () => {
  it('cannot demote, deactivate or delete themselves: 409, nothing changed', async () => {
    const last = await operator();
    const path = `/api/v1/users/${last.user.id}`;
    for (const json of [
      { is_superuser: false },
      { is_active: false },
      { is_active: false, full_name: 'x' },
    ]) {
      const refused = await solo.patch(path, { json, token: last.token });
      expect((await expectProblem(refused, 409)).detail).toMatch(/last active superuser/);
    }
    await expectProblem(await solo.delete(path, { token: last.token }), 409);
    const me = await expectJson(
      await solo.get('/api/v1/users/me', { token: last.token }),
      200,
      UserSchema,
    );
    expect(me).toMatchObject({
      is_superuser: true,
      is_active: true,
      full_name: last.user.full_name,
    });
  });

  it('can step down once another active superuser exists, and then that one is the last', async () => {
    const first = await operator();
    const second = await operator();
    const demoted = await solo.patch(`/api/v1/users/${first.user.id}`, {
      json: { is_superuser: false },
      token: first.token,
    });
    expect((await expectJson(demoted, 200, UserSchema)).is_superuser).toBe(false);
    const refused = await solo.patch(`/api/v1/users/${second.user.id}`, {
      json: { is_active: false },
      token: second.token,
    });
    await expectProblem(refused, 409);
  });

  it('survives two superusers stepping down at once: exactly one of them succeeds', async () => {
    const a = await operator();
    const b = await operator();
    const [left, right] = await Promise.all(
      [a, b].map((who) =>
        solo.patch(`/api/v1/users/${who.user.id}`, {
          json: { is_superuser: false },
          token: who.token,
        }),
      ),
    );
    expect([left?.status, right?.status].sort()).toEqual([200, 409]);
    const remaining = [await isActiveSuperuser(a.user.id), await isActiveSuperuser(b.user.id)];
    expect(remaining.filter(Boolean)).toHaveLength(1);
  });
});
