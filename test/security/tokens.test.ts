import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectUnauthorized } from '../helpers/api.ts';
import { signUp } from '../helpers/factories.ts';
import { api } from '../helpers/http.ts';
import {
  base64UrlJson,
  claims,
  decodeTokenPart,
  nowSeconds,
  signToken,
  WRONG_SECRET,
  withPayload,
} from '../helpers/tokens.ts';

const ME = '/api/v1/users/me';

/** The control: this token does work, so a 401 for its variant is the variant's doing. */
async function expectAccepted(token: string, userId: number): Promise<void> {
  const response = await api.get(ME, { token });
  expect((await expectJson(response, 200, UserSchema)).id).toBe(userId);
}

describe('bearer tokens on GET /api/v1/users/me', () => {
  it('accepts a token the app signed, under any case of the Bearer scheme', async () => {
    const { user, token } = await signUp();
    await expectAccepted(token, user.id);
    const lower = await api.get(ME, { headers: { Authorization: `bearer ${token}` } });
    expect(lower.status, await lower.clone().text()).toBe(200);
  });

  it('accepts a token forged with the right secret, proving the forgeries below are fair', async () => {
    const { user } = await signUp();
    await expectAccepted(await signToken(claims(user.id)), user.id);
  });

  it('returns 401 for a token whose payload was changed to name another user', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const payload = { ...decodeTokenPart(alice.token, 1), sub: String(bob.user.id) };
    await expectUnauthorized(await api.get(ME, { token: withPayload(alice.token, payload) }));
    await expectAccepted(bob.token, bob.user.id);
  });

  it('returns 401 for a token whose expiry was extended without re-signing', async () => {
    const { user, token } = await signUp();
    const payload = { ...decodeTokenPart(token, 1), exp: nowSeconds() + 86_400 };
    await expectUnauthorized(await api.get(ME, { token: withPayload(token, payload) }));
    await expectAccepted(token, user.id);
  });

  it('returns 401 for a token signed with another secret', async () => {
    const { user } = await signUp();
    const forged = await signToken(claims(user.id), { secret: WRONG_SECRET });
    await expectUnauthorized(await api.get(ME, { token: forged }));
  });

  it('returns 401 for a token whose signature was altered or removed', async () => {
    const { token } = await signUp();
    const [header, payload, signature = ''] = token.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const altered of [`${header}.${payload}.${flipped}`, `${header}.${payload}.`]) {
      await expectUnauthorized(await api.get(ME, { token: altered }));
    }
  });

  it('returns 401 for an unsigned token (alg none, empty signature)', async () => {
    const { user } = await signUp();
    for (const alg of ['none', 'None', 'NONE']) {
      const unsigned = `${base64UrlJson({ alg, typ: 'JWT' })}.${base64UrlJson(claims(user.id))}.`;
      await expectUnauthorized(await api.get(ME, { token: unsigned }));
    }
  });

  it('returns 401 for HS384 and HS512 tokens signed with the right secret (algorithm pinned)', async () => {
    const { user } = await signUp();
    for (const alg of ['HS384', 'HS512'] as const) {
      const token = await signToken(claims(user.id), { alg });
      await expectUnauthorized(await api.get(ME, { token }));
    }
  });

  it('returns 401 for a token whose header claims HS512 but whose signature is HS256', async () => {
    const { user } = await signUp();
    const token = await signToken(claims(user.id));
    const [, payload, signature] = token.split('.');
    const relabelled = `${base64UrlJson({ alg: 'HS512', typ: 'JWT' })}.${payload}.${signature}`;
    await expectUnauthorized(await api.get(ME, { token: relabelled }));
  });

  it('returns 401 for an expired token', async () => {
    const { user } = await signUp();
    const now = nowSeconds();
    for (const exp of [now - 1, now - 3600]) {
      const expired = await signToken(claims(user.id, { iat: exp - 1800, exp }));
      await expectUnauthorized(await api.get(ME, { token: expired }));
    }
  });

  it('returns 401 for a correctly signed token without exp or with a non-numeric exp', async () => {
    const { user } = await signUp();
    const { exp: _, ...withoutExp } = claims(user.id);
    await expectUnauthorized(await api.get(ME, { token: await signToken(withoutExp) }));
    const textExp = claims(user.id, { exp: String(nowSeconds() + 1800) });
    await expectUnauthorized(await api.get(ME, { token: await signToken(textExp) }));
  });

  it('returns 401 for a correctly signed token issued in the future', async () => {
    const { user } = await signUp();
    const iat = nowSeconds() + 3600;
    const future = await signToken(claims(user.id, { iat, exp: iat + 1800 }));
    await expectUnauthorized(await api.get(ME, { token: future }));
  });

  it('returns 401 for a correctly signed token whose sub is not a user id', async () => {
    const subjects = [undefined, '', '0', '-1', '1.5', 'abc', '2147483647', '99999999999'];
    for (const sub of subjects) {
      const token = await signToken({ ...claims(1), sub });
      await expectUnauthorized(await api.get(ME, { token }));
    }
  });

  it('returns 401 for garbage tokens', async () => {
    const garbage = [
      'abc',
      'a.b.c',
      '...',
      'eyJhbGciOiJIUzI1NiJ9',
      `${base64UrlJson('not an object')}.${base64UrlJson({})}.`,
      'x'.repeat(4096),
      `${'a.'.repeat(50)}a`,
    ];
    for (const token of garbage) await expectUnauthorized(await api.get(ME, { token }));
  });

  it('returns 401 when the Authorization header is missing, empty or has no token', async () => {
    await expectUnauthorized(await api.get(ME));
    for (const value of ['', 'Bearer', 'Bearer ', 'Bearer  ']) {
      await expectUnauthorized(await api.get(ME, { headers: { Authorization: value } }));
    }
  });

  it('returns 401 for other schemes, even around a valid token', async () => {
    const { user, password, token } = await signUp();
    const basic = btoa(`${user.username}:${password}`);
    for (const value of [`Basic ${basic}`, `Token ${token}`, `JWT ${token}`, token]) {
      await expectUnauthorized(await api.get(ME, { headers: { Authorization: value } }));
    }
    await expectAccepted(token, user.id);
  });

  it('returns 401 for two tokens or trailing junk in one header', async () => {
    const { token } = await signUp();
    for (const value of [`Bearer ${token} ${token}`, `Bearer ${token}, Basic abc`]) {
      await expectUnauthorized(await api.get(ME, { headers: { Authorization: value } }));
    }
  });

  it('says invalid_token in the challenge for a bad token, and only Bearer for a missing one', async () => {
    const missing = await api.get(ME);
    expect(missing.headers.get('WWW-Authenticate')).toBe('Bearer');
    const invalid = await api.get(ME, { token: 'a.b.c' });
    expect(invalid.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  });
});
