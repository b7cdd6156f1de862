/** PUT /api/v1/users/me/password: the one way to change a password, and what it retires. */
import { describe, expect, it } from 'vitest';
import { TokenSchema } from '../../../src/routes/auth/auth.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectInvalid, expectJson, expectProblem, expectUnauthorized } from '../../helpers/api.ts';
import { login, type SignedUpUser, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { storedPasswordHash } from '../../helpers/rows.ts';
import { claims, nowSeconds, signToken } from '../../helpers/tokens.ts';

const PATH = '/api/v1/users/me/password';
const NEW_PASSWORD = 'an entirely new passphrase';

function change(user: SignedUpUser, body: Record<string, unknown>, token = user.token) {
  return api.put(PATH, { json: body, token });
}

async function secondToken(user: SignedUpUser): Promise<string> {
  const response = await login(user.user.username, user.password);
  return (await expectJson(response, 200, TokenSchema)).access_token;
}

describe('PUT /api/v1/users/me/password', () => {
  it('changes the password and answers a fresh token; every earlier token is dead at once', async () => {
    const user = await signUp();
    const other = await secondToken(user);
    const response = await change(user, {
      current_password: user.password,
      new_password: NEW_PASSWORD,
    });
    const fresh = await expectJson(response, 200, TokenSchema);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    // Within the same second as the change: the token version decides, not the issue time.
    for (const token of [user.token, other]) {
      const dead = await api.get('/api/v1/users/me', { token });
      await expectUnauthorized(dead);
      expect(dead.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
    }
    const me = await api.get('/api/v1/users/me', { token: fresh.access_token });
    expect((await expectJson(me, 200, UserSchema)).id).toBe(user.user.id);
    expect((await login(user.user.username, NEW_PASSWORD)).status).toBe(200);
    await expectProblem(await login(user.user.username, user.password), 401);
  });

  it('answers 403 for a wrong current password, and changes nothing', async () => {
    const user = await signUp();
    const hash = await storedPasswordHash(user.user.id);
    const response = await change(user, {
      current_password: 'not the password',
      new_password: NEW_PASSWORD,
    });
    expect((await expectProblem(response, 403)).detail).toMatch(/current password/i);
    expect(await storedPasswordHash(user.user.id)).toBe(hash);
    expect((await api.get('/api/v1/users/me', { token: user.token })).status).toBe(200);
  });

  it('answers 422 when the new password equals the current one, or breaks the rules', async () => {
    const user = await signUp();
    const hash = await storedPasswordHash(user.user.id);
    const same = { current_password: user.password, new_password: user.password };
    await expectInvalid(await change(user, same), 'body.new_password');
    for (const new_password of ['short', 'x'.repeat(129), 'nul\u0000inside', 42]) {
      const body = { current_password: user.password, new_password };
      await expectInvalid(await change(user, body), 'body.new_password');
    }
    await expectInvalid(
      await change(user, { new_password: NEW_PASSWORD }),
      'body.current_password',
    );
    expect(await storedPasswordHash(user.user.id)).toBe(hash);
  });

  it('answers 401 to a missing, forged, expired or revoked token', async () => {
    const user = await signUp();
    const body = { current_password: user.password, new_password: NEW_PASSWORD };
    await expectUnauthorized(await api.put(PATH, { json: body }));
    const forged = await signToken(claims(user.user.id), { secret: 'x'.repeat(40) });
    await expectUnauthorized(await change(user, body, forged));
    const now = nowSeconds();
    const expired = await signToken(claims(user.user.id, { iat: now - 100, exp: now - 1 }));
    await expectUnauthorized(await change(user, body, expired));
    expect((await api.post('/api/v1/auth/logout', { token: user.token })).status).toBe(204);
    await expectUnauthorized(await change(user, body));
    expect((await login(user.user.username, user.password)).status).toBe(200);
  });

  it('answers 401 to a deactivated user, even with the right password', async () => {
    const user = await signUp();
    const path = `/api/v1/users/${user.user.id}`;
    const off = await api.patch(path, { json: { is_active: false }, token: user.token });
    expect(off.status, await off.clone().text()).toBe(200);
    const body = { current_password: user.password, new_password: NEW_PASSWORD };
    await expectUnauthorized(await change(user, body));
  });

  it('lets exactly one of concurrent changes win, and leaves every older token dead', async () => {
    const user = await signUp();
    const tokens = [user.token, await secondToken(user), await secondToken(user)];
    const responses = await Promise.all(
      tokens.map((token, i) =>
        change(
          user,
          { current_password: user.password, new_password: `${NEW_PASSWORD} ${i}` },
          token,
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(
      statuses.filter((status) => status === 200),
      `${statuses}`,
    ).toHaveLength(1);
    for (const response of responses) {
      if (response.status !== 200)
        expect([401, 409], `${response.status}`).toContain(response.status);
      expect(response.status).toBeLessThan(500);
    }
    const winner = responses.findIndex((response) => response.status === 200);
    for (const token of tokens) {
      await expectUnauthorized(await api.get('/api/v1/users/me', { token }));
    }
    expect((await login(user.user.username, `${NEW_PASSWORD} ${winner}`)).status).toBe(200);
  });
});
