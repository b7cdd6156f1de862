/** POST /users with an Idempotency-Key: a retried sign-up gets its account back, not a 409. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../../src/db/schema.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectInvalid, expectJson, expectNoSecrets, expectProblem } from '../../helpers/api.ts';
import { testDatabase } from '../../helpers/db.ts';
import { newUserBody, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { userIdsNamed } from '../../helpers/rows.ts';
import { idsCreatedAtOnce } from './one-key.ts';

const signUpWith = (body: unknown, key: string) =>
  api.post('/api/v1/users', { json: body, headers: { 'Idempotency-Key': key } });

describe('POST /api/v1/users with Idempotency-Key', () => {
  it('answers a repeated sign-up with the same account, marked replayed', async () => {
    const body = newUserBody();
    const key = crypto.randomUUID();
    const first = await signUpWith(body, key);
    const created = await expectJson(first.clone(), 201, UserSchema);
    const again = await signUpWith(body, key);
    expect(await expectJson(again.clone(), 201, UserSchema)).toEqual(created);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(await userIdsNamed(body.username)).toEqual([created.id]);
    // Without the key, the same sign-up is the usual conflict.
    await expectProblem(await api.post('/api/v1/users', { json: body }), 409);
  });

  it('keeps no password hash in the record it replays from', async () => {
    const body = newUserBody();
    const key = crypto.randomUUID();
    await expectJson(await signUpWith(body, key), 201, UserSchema);
    const rows = await testDatabase()
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key));
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).toContain(body.username);
    expect(stored).not.toMatch(/hashed_password|token_version|pbkdf2/i);
    expectNoSecrets(stored, body.password);
  });

  it('refuses the same key with another body (422), another password included', async () => {
    const body = newUserBody();
    const key = crypto.randomUUID();
    await expectJson(await signUpWith(body, key), 201, UserSchema);
    const other = { ...body, password: 'a different password 1' };
    await expectInvalid(await signUpWith(other, key), 'header.idempotency-key');
    const renamed = newUserBody();
    await expectInvalid(await signUpWith(renamed, key), 'header.idempotency-key');
    expect(await userIdsNamed(renamed.username)).toEqual([]);
  });

  it('does not record a refused sign-up: the key works once the body is fixed', async () => {
    const taken = await signUp();
    const key = crypto.randomUUID();
    const body = newUserBody({ username: taken.user.username });
    await expectProblem(await signUpWith(body, key), 409);
    const fixed = newUserBody();
    const created = await expectJson(await signUpWith(fixed, key), 201, UserSchema);
    expect(created.username).toBe(fixed.username);
  });

  it('creates exactly one account for 10 concurrent sign-ups with one key', async () => {
    const body = newUserBody();
    const key = crypto.randomUUID();
    const ids = await idsCreatedAtOnce(() => signUpWith(body, key), UserSchema);
    expect(ids.size).toBe(1);
    expect(await userIdsNamed(body.username)).toEqual([...ids]);
  });
});
