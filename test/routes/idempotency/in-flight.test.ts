/**
 * A request that arrives while another one with the same key is still running is told to retry:
 * 409 with Retry-After, nothing written. Real Postgres only: PGlite is one session, so there is
 * no other session to hold the key.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { expectProblem } from '../../helpers/api.ts';
import { newUserBody, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { itemIdsOwnedBy, userIdsNamed } from '../../helpers/rows.ts';
import { whileKeyHeld } from './one-key.ts';

async function expectKeyInUse(response: Response) {
  await expectProblem(response.clone(), 409);
  expect(response.headers.get('Retry-After')).toBe('1');
}

describe.skipIf(env.DATABASE_KIND !== 'postgres')('a key whose first request still runs', () => {
  it('answers an item create 409 with Retry-After and creates nothing', async () => {
    const owner = await signUp();
    const path = `/api/v1/users/${owner.user.id}/items`;
    const key = crypto.randomUUID();
    await whileKeyHeld(`user:${owner.user.id} POST ${path}`, key, async () => {
      const response = await api.post(path, {
        json: { title: 'waiting', price: 1 },
        token: owner.token,
        headers: { 'Idempotency-Key': key },
      });
      await expectKeyInUse(response);
    });
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
  });

  it('answers a sign-up 409 with Retry-After and creates no account', async () => {
    const body = newUserBody();
    const key = crypto.randomUUID();
    await whileKeyHeld('POST /api/v1/users', key, async () => {
      const response = await api.post('/api/v1/users', {
        json: body,
        headers: { 'Idempotency-Key': key },
      });
      await expectKeyInUse(response);
    });
    expect(await userIdsNamed(body.username)).toEqual([]);
  });
});
