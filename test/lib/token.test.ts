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

describe('issueAccessToken', () => {
  it('signs HS256 with sub as a string, iat now and exp iat + ttl', async () => {
    const before = nowSeconds();
    const { token, expiresIn } = await issueAccessToken(42, testSecret(), 900);
    expect(expiresIn).toBe(900);
    expect(decodeTokenPart(token, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeTokenPart(token, 1);
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'sub']);
    expect(payload.sub).toBe('42');
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.exp).toBe(Number(payload.iat) + 900);
  });
});

describe('readAccessToken', () => {
  it('returns the user id of a token it issued', async () => {
    const { token } = await issueAccessToken(7, testSecret(), 1800);
    expect(await readAccessToken(token, testSecret())).toBe(7);
  });

  it('returns undefined for another secret, another algorithm, or no signature', async () => {
    const { token } = await issueAccessToken(7, testSecret(), 1800);
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
    for (const sub of ['0', '-3', '1.5', 'abc', '2147483648', '9007199254740993', '']) {
      const token = await signToken({ ...claims(1), sub });
      expect(await readAccessToken(token, testSecret()), sub).toBeUndefined();
    }
    const largest = await signToken({ ...claims(1), sub: '2147483647' });
    expect(await readAccessToken(largest, testSecret())).toBe(2_147_483_647);
  });

  it('returns undefined, never throws, for garbage', async () => {
    for (const token of ['', 'abc', 'a.b.c', '..', `${base64UrlJson([])}.${base64UrlJson(1)}.x`]) {
      await expect(readAccessToken(token, testSecret())).resolves.toBeUndefined();
    }
  });
});
