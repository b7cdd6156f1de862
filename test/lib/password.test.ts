import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  PBKDF2_ITERATIONS,
  verifyDummyPassword,
  verifyPassword,
} from '../../src/lib/password.ts';
import { fromBase64, hashWithIterations, pbkdf2Sha256, toBase64 } from '../helpers/passwords.ts';

const PASSWORD = 'correct horse battery staple';
const STORED_FORMAT = /^pbkdf2_sha256\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

describe('PBKDF2_ITERATIONS', () => {
  it('is exactly 100000, the most Cloudflare Workers accept in production', () => {
    // Local workerd and Node accept more, so nothing but this pin catches a raise before deploy.
    expect(PBKDF2_ITERATIONS).toBe(100_000);
  });
});

describe('hashPassword', () => {
  it('stores pbkdf2_sha256$100000$<salt>$<hash> with a 16-byte salt and a 32-byte hash', async () => {
    const stored = await hashPassword(PASSWORD);
    const match = STORED_FORMAT.exec(stored);
    expect(match, stored).not.toBeNull();
    expect(match?.[1]).toBe('100000');
    expect(fromBase64(match?.[2] ?? '')).toHaveLength(16);
    expect(fromBase64(match?.[3] ?? '')).toHaveLength(32);
  });

  it('derives the hash with standard PBKDF2-SHA256 over the stored salt', async () => {
    const stored = await hashPassword(PASSWORD);
    const [, iterations, salt, hash] = stored.split('$');
    const expected = await pbkdf2Sha256(PASSWORD, fromBase64(salt ?? ''), Number(iterations));
    expect(hash).toBe(toBase64(expected));
  });

  it('uses a fresh random salt, so two hashes of the same password differ', async () => {
    const [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(first).not.toBe(second);
    expect(first.split('$')[2]).not.toBe(second.split('$')[2]);
  });

  it('never contains the password', async () => {
    expect(await hashPassword(PASSWORD)).not.toContain(PASSWORD);
  });
});

describe('verifyPassword', () => {
  it('accepts the right password without asking for a rehash', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toEqual({ valid: true, needsRehash: false });
  });

  it('rejects a wrong password, including one differing only in case or whitespace', async () => {
    const stored = await hashPassword(PASSWORD);
    for (const wrong of ['Correct horse battery staple', `${PASSWORD} `, '', 'x']) {
      expect(await verifyPassword(wrong, stored), wrong).toEqual({
        valid: false,
        needsRehash: false,
      });
    }
  });

  it('handles non-ASCII passwords as UTF-8, normalised with NFKC before hashing', async () => {
    const password = 'pässwörd-日本語-🔑';
    const stored = await hashPassword(password);
    expect(await verifyPassword(password, stored)).toEqual({ valid: true, needsRehash: false });
    // The same password typed as decomposed accents or fullwidth forms is the same password.
    for (const typed of [password.normalize('NFD'), 'ｐäｓｓwörd-日本語-🔑']) {
      expect(await verifyPassword(typed, stored), typed).toEqual({
        valid: true,
        needsRehash: false,
      });
    }
    const stored2 = await hashPassword('ｐａｓｓｗｏｒｄ１２３');
    expect((await verifyPassword('password123', stored2)).valid).toBe(true);
    expect((await verifyPassword('pässwörd-日本語-🗝', stored)).valid).toBe(false);
  });

  it('still verifies a hash of the password as typed, made before normalisation, and asks for a re-hash', async () => {
    const typed = 'cafe\u0301 au lait';
    expect(typed).not.toBe(typed.normalize('NFKC'));
    const legacy = await hashWithIterations(typed, 100_000);
    expect(await verifyPassword(typed, legacy)).toEqual({ valid: true, needsRehash: true });
    expect(await verifyPassword('café au lai', legacy)).toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it('verifies a hash made with fewer iterations and reports needsRehash', async () => {
    const stored = await hashWithIterations(PASSWORD, 1000);
    expect(await verifyPassword(PASSWORD, stored)).toEqual({ valid: true, needsRehash: true });
    expect(await verifyPassword('wrong password', stored)).toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it('refuses, without throwing, a hash with more iterations than Workers allow', async () => {
    // Production would throw inside deriveBits; a stored hash must never be able to do that.
    const stored = await hashWithIterations(PASSWORD, PBKDF2_ITERATIONS + 1);
    expect(await verifyPassword(PASSWORD, stored)).toEqual({ valid: false, needsRehash: false });
  });

  it('never verifies a malformed stored string, and never throws on one', async () => {
    const good = await hashWithIterations(PASSWORD, 1000);
    const [, , salt, hash] = good.split('$');
    const malformed = [
      '',
      PASSWORD,
      'pbkdf2_sha256',
      'pbkdf2_sha256$$$',
      `pbkdf2_sha256$1000$${salt}`,
      `pbkdf2_sha256$1000$${salt}$`,
      `pbkdf2_sha256$1000$$${hash}`,
      `pbkdf2_sha1$1000$${salt}$${hash}`,
      `PBKDF2_SHA256$1000$${salt}$${hash}`,
      `pbkdf2_sha256$0$${salt}$${hash}`,
      `pbkdf2_sha256$-1000$${salt}$${hash}`,
      `pbkdf2_sha256$1e3$${salt}$${hash}`,
      `pbkdf2_sha256$1000.0$${salt}$${hash}`,
      `pbkdf2_sha256$abc$${salt}$${hash}`,
      `pbkdf2_sha256$1000$${salt}$${hash}$extra`,
      `pbkdf2_sha256$1000$!!not base64!!$${hash}`,
      `pbkdf2_sha256$1000$${salt}$!!not base64!!`,
      `pbkdf2_sha256$1000$${salt}$${hash?.slice(0, -4)}`,
    ];
    for (const stored of malformed) {
      await expect(verifyPassword(PASSWORD, stored), stored).resolves.toEqual({
        valid: false,
        needsRehash: false,
      });
    }
    expect((await verifyPassword(PASSWORD, good)).valid).toBe(true);
  });
});

describe('verifyDummyPassword', () => {
  it('resolves for any input, so unknown users cost a real verification and never an error', async () => {
    await expect(verifyDummyPassword(PASSWORD)).resolves.toBeUndefined();
    await expect(verifyDummyPassword('')).resolves.toBeUndefined();
  });
});
