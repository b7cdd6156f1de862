import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { signUp } from '../helpers/factories.ts';
import { request } from '../helpers/http.ts';
import {
  base64UrlJson,
  bearer,
  claims,
  decodeTokenPart,
  expectUnauthorized,
  nowSeconds,
  signToken,
  WRONG_SECRET,
  withPayload,
} from '../helpers/tokens.ts';

const ME = '/api/v1/users/me';

function getMe(headers: Record<string, string>): Promise<Response> {
  return request(ME, { headers });
}

/** The control: this token does work, so a 401 for its variant is the variant's doing. */
async function expectAccepted(token: string, userId: number): Promise<void> {
  const response = await getMe(bearer(token));
  expect(response.status, await response.clone().text()).toBe(200);
  expect(UserSchema.parse(await response.json()).id).toBe(userId);
}

describe('bearer tokens on GET /api/v1/users/me', () => {
  it('accepts a token the app signed, under any case of the Bearer scheme', async () => {
    const { user, token } = await signUp();
    await expectAccepted(token, user.id);
    const lower = await getMe({ Authorization: `bearer ${token}` });
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
    await expectUnauthorized(await getMe(bearer(withPayload(alice.token, payload))));
    await expectAccepted(bob.token, bob.user.id);
  });

  it('returns 401 for a token whose expiry was extended without re-signing', async () => {
    const { user, token } = await signUp();
    const payload = { ...decodeTokenPart(token, 1), exp: nowSeconds() + 86_400 };
    await expectUnauthorized(await getMe(bearer(withPayload(token, payload))));
    await expectAccepted(token, user.id);
  });

  it('returns 401 for a token signed with another secret', async () => {
    const { user } = await signUp();
    const forged = await signToken(claims(user.id), { secret: WRONG_SECRET });
    await expectUnauthorized(await getMe(bearer(forged)));
  });

  it('returns 401 for a token whose signature was altered or removed', async () => {
    const { token } = await signUp();
    const [header, payload, signature = ''] = token.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const altered of [`${header}.${payload}.${flipped}`, `${header}.${payload}.`]) {
      await expectUnauthorized(await getMe(bearer(altered)));
    }
  });

  it('returns 401 for an unsigned token (alg none, empty signature)', async () => {
    const { user } = await signUp();
    for (const alg of ['none', 'None', 'NONE']) {
      const unsigned = `${base64UrlJson({ alg, typ: 'JWT' })}.${base64UrlJson(claims(user.id))}.`;
      await expectUnauthorized(await getMe(bearer(unsigned)));
    }
  });

  it('returns 401 for HS384 and HS512 tokens signed with the right secret (algorithm pinned)', async () => {
    const { user } = await signUp();
    for (const alg of ['HS384', 'HS512'] as const) {
      const token = await signToken(claims(user.id), { alg });
      await expectUnauthorized(await getMe(bearer(token)));
    }
  });

  it('returns 401 for a token whose header claims HS512 but whose signature is HS256', async () => {
    const { user } = await signUp();
    const token = await signToken(claims(user.id));
    const [, payload, signature] = token.split('.');
    const relabelled = `${base64UrlJson({ alg: 'HS512', typ: 'JWT' })}.${payload}.${signature}`;
    await expectUnauthorized(await getMe(bearer(relabelled)));
  });

  it('returns 401 for an expired token', async () => {
    const { user } = await signUp();
    const now = nowSeconds();
    for (const exp of [now - 1, now - 3600]) {
      const expired = await signToken(claims(user.id, { iat: exp - 1800, exp }));
      await expectUnauthorized(await getMe(bearer(expired)));
    }
  });

  it('returns 401 for a correctly signed token without exp or with a non-numeric exp', async () => {
    const { user } = await signUp();
    const { exp: _, ...withoutExp } = claims(user.id);
    await expectUnauthorized(await getMe(bearer(await signToken(withoutExp))));
    const textExp = claims(user.id, { exp: String(nowSeconds() + 1800) });
    await expectUnauthorized(await getMe(bearer(await signToken(textExp))));
  });

  it('returns 401 for a correctly signed token issued in the future', async () => {
    const { user } = await signUp();
    const iat = nowSeconds() + 3600;
    const future = await signToken(claims(user.id, { iat, exp: iat + 1800 }));
    await expectUnauthorized(await getMe(bearer(future)));
  });

  it('returns 401 for a correctly signed token whose sub is not a user id', async () => {
    const subjects = [undefined, '', '0', '-1', '1.5', 'abc', '2147483647', '99999999999'];
    for (const sub of subjects) {
      const token = await signToken({ ...claims(1), sub });
      await expectUnauthorized(await getMe(bearer(token)));
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
    for (const token of garbage) await expectUnauthorized(await getMe(bearer(token)));
  });

  it('returns 401 when the Authorization header is missing, empty or has no token', async () => {
    await expectUnauthorized(await getMe({}));
    for (const value of ['', 'Bearer', 'Bearer ', 'Bearer  ']) {
      await expectUnauthorized(await getMe({ Authorization: value }));
    }
  });

  it('returns 401 for other schemes, even around a valid token', async () => {
    const { user, password, token } = await signUp();
    const basic = btoa(`${user.username}:${password}`);
    for (const value of [`Basic ${basic}`, `Token ${token}`, `JWT ${token}`, token]) {
      await expectUnauthorized(await getMe({ Authorization: value }));
    }
    await expectAccepted(token, user.id);
  });

  it('returns 401 for two tokens or trailing junk in one header', async () => {
    const { token } = await signUp();
    for (const value of [`Bearer ${token} ${token}`, `Bearer ${token}, Basic abc`]) {
      await expectUnauthorized(await getMe({ Authorization: value }));
    }
  });

  it('says invalid_token in the challenge for a bad token, and only Bearer for a missing one', async () => {
    const missing = await getMe({});
    expect(missing.headers.get('WWW-Authenticate')).toBe('Bearer');
    const invalid = await getMe(bearer('a.b.c'));
    expect(invalid.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  });
});
