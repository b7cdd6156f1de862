import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../src/db/schema.ts';
import { PBKDF2_ITERATIONS, verifyPassword } from '../../../src/lib/password.ts';
import { expectProblem } from '../../helpers/api.ts';
import { testDatabase } from '../../helpers/db.ts';
import { login, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { hashWithIterations } from '../../helpers/passwords.ts';

async function storedHash(id: number): Promise<string> {
  const [row] = await testDatabase()
    .select({ hash: users.hashedPassword })
    .from(users)
    .where(eq(users.id, id));
  if (!row) throw new Error(`user ${id} is gone`);
  return row.hash;
}

async function storeHash(id: number, hash: string): Promise<void> {
  await testDatabase().update(users).set({ hashedPassword: hash }).where(eq(users.id, id));
  expect(await storedHash(id)).toBe(hash);
}

describe('POST /api/v1/auth/token with a hash made with older parameters', () => {
  it('logs the user in and replaces the hash with one at the current iterations', async () => {
    const { user, password } = await signUp();
    const old = await hashWithIterations(password, 1000);
    await storeHash(user.id, old);

    const response = await login(user.username, password);
    expect(response.status, await response.clone().text()).toBe(200);

    const upgraded = await storedHash(user.id);
    expect(upgraded).not.toBe(old);
    expect(upgraded.split('$')[1]).toBe(String(PBKDF2_ITERATIONS));
    expect(upgraded.split('$')[2]).not.toBe(old.split('$')[2]);
    expect(await verifyPassword(password, upgraded)).toEqual({ valid: true, needsRehash: false });

    const json = { username: user.username, password };
    const again = await api.post('/api/v1/auth/token', { json });
    expect(again.status, await again.clone().text()).toBe(200);
  });

  it('keeps the old hash when the password is wrong', async () => {
    const { user, password } = await signUp();
    const old = await hashWithIterations(password, 1000);
    await storeHash(user.id, old);

    await expectProblem(await login(user.username, `${password}-wrong`), 401);
    expect(await storedHash(user.id)).toBe(old);
  });

  it('does not rewrite a hash that already has the current parameters', async () => {
    const { user, password } = await signUp();
    const current = await storedHash(user.id);
    expect(current.split('$')[1]).toBe(String(PBKDF2_ITERATIONS));

    const response = await login(user.username, password);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await storedHash(user.id)).toBe(current);
  });

  it('answers 401, not 500, when the stored hash is corrupt', async () => {
    const { user, password } = await signUp();
    await storeHash(user.id, 'pbkdf2_sha256$100000$!!corrupt!!$!!corrupt!!');
    await expectProblem(await login(user.username, password), 401);
  });
});
