import { describe, expect, it } from 'vitest';
import { issueAccessToken, readAccessToken } from '../../src/lib/token.ts';
import {
  base64UrlJson,
  claims,
  decodeTokenPart,
  nowSeconds,
  signToken,
  testSecret,
  WRONG_SECRET,
} from '../helpers/tokens.ts';

const subject = (id: number, tokenVersion = 0) => ({ id, tokenVersion });

describe('issueAccessToken', () => {
  it('signs HS256 with sub as a string, the token version, iat now and exp iat + ttl', async () => {
    const before = nowSeconds();
    const { token, expiresIn } = await issueAccessToken(subject(42, 3), testSecret(), 900);
    expect(expiresIn).toBe(900);
    expect(decodeTokenPart(token, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeTokenPart(token, 1);
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'sub', 'ver']);
    expect(payload).toMatchObject({ sub: '42', ver: 3 });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.exp).toBe(Number(payload.iat) + 900);
  });
});

describe('readAccessToken', () => {
  it('returns the user id and token version of a token it issued', async () => {
    const { token } = await issueAccessToken(subject(7, 2), testSecret(), 1800);
    expect(await readAccessToken(token, testSecret())).toEqual(subject(7, 2));
  });

  it('returns undefined for another secret, another algorithm, or no signature', async () => {
    const { token } = await issueAccessToken(subject(7), testSecret(), 1800);
    expect(await readAccessToken(token, WRONG_SECRET)).toBeUndefined();
    const hs512 = await signToken(claims(7), { alg: 'HS512' });
    expect(await readAccessToken(hs512, testSecret())).toBeUndefined();
    const none = `${base64UrlJson({ alg: 'none', typ: 'JWT' })}.${base64UrlJson(claims(7))}.`;
    expect(await readAccessToken(none, testSecret())).toBeUndefined();
  });

  it('returns undefined for an expired token or one without exp', async () => {
    const expired = await signToken(claims(7, { iat: nowSeconds() - 60, exp: nowSeconds() - 1 }));
    expect(await readAccessToken(expired, testSecret())).toBeUndefined();
    const { exp: _, ...rest } = claims(7);
    expect(await readAccessToken(await signToken(rest), testSecret())).toBeUndefined();
  });

  it('returns undefined for a sub that cannot be a users.id (a positive 32-bit integer)', async () => {
    for (const sub of [
      '0',
      '-3',
      '1.5',
      'abc',
      '2147483648',
      '9007199254740993',
      '',
      '07',
      '1e3',
    ]) {
      const token = await signToken({ ...claims(1), sub });
      expect(await readAccessToken(token, testSecret()), sub).toBeUndefined();
    }
    for (const sub of [7, null, ['7']]) {
      const token = await signToken({ ...claims(1), sub });
      expect(await readAccessToken(token, testSecret()), JSON.stringify(sub)).toBeUndefined();
    }
    const largest = await signToken({ ...claims(1), sub: '2147483647' });
    expect(await readAccessToken(largest, testSecret())).toEqual(subject(2_147_483_647));
  });

  it('returns undefined without a whole, non-negative token version', async () => {
    for (const ver of [undefined, -1, 1.5, '0', null]) {
      const token = await signToken({ ...claims(7), ver });
      expect(await readAccessToken(token, testSecret()), String(ver)).toBeUndefined();
    }
  });

  it('returns undefined without iat, with iat in the future, or with an unissuable lifetime', async () => {
    const now = nowSeconds();
    const { iat: _, ...withoutIat } = claims(7);
    const cases = [
      withoutIat,
      claims(7, { iat: now + 3600, exp: now + 5400 }),
      claims(7, { iat: now, exp: now }),
      claims(7, { iat: now - 10, exp: now + 86_400 }),
      claims(7, { iat: 'yesterday' }),
    ];
    for (const payload of cases) {
      const token = await signToken(payload);
      expect(await readAccessToken(token, testSecret()), JSON.stringify(payload)).toBeUndefined();
    }
    // A clock a few seconds ahead at the issuing Worker is tolerated.
    const ahead = await signToken(claims(7, { iat: now + 5, exp: now + 1805 }));
    expect(await readAccessToken(ahead, testSecret())).toEqual(subject(7));
  });

  it('returns undefined, never throws, for garbage', async () => {
    for (const token of ['', 'abc', 'a.b.c', '..', `${base64UrlJson([])}.${base64UrlJson(1)}.x`]) {
      await expect(readAccessToken(token, testSecret())).resolves.toBeUndefined();
    }
  });
});
