/** Idempotency-Key records last 24 hours; the Cron Trigger deletes them afterwards. */
import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../../src/db/schema.ts';
import worker from '../../../src/index.ts';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { expectJson } from '../../helpers/api.ts';
import { testDatabase } from '../../helpers/db.ts';
import { type SignedUpUser, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';

const post = (owner: SignedUpUser, title: string, key: string) =>
  api.post(`/api/v1/users/${owner.user.id}/items`, {
    json: { title },
    token: owner.token,
    headers: { 'Idempotency-Key': key },
  });

/** Ages a record past its lifetime, as 24 hours would. */
const expire = (key: string) =>
  testDatabase()
    .update(idempotencyKeys)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(idempotencyKeys.key, key));

const recordedKeys = async (keys: string[]) =>
  (
    await testDatabase()
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(inArray(idempotencyKeys.key, keys))
  ).map((row) => row.key);

describe('Idempotency-Key lifetime', () => {
  it('records a key for 24 hours', async () => {
    const owner = await signUp();
    const key = crypto.randomUUID();
    await expectJson(await post(owner, 'timed', key), 201, ItemSchema);
    const [row] = await testDatabase()
      .select({ hours: sql<number>`extract(epoch from expires_at - created_at) / 3600` })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, key));
    expect(Number(row?.hours)).toBe(24);
  });

  it('treats an expired key as new: a request with it creates again', async () => {
    const owner = await signUp();
    const key = crypto.randomUUID();
    const first = await expectJson(await post(owner, 'old', key), 201, ItemSchema);
    await expire(key);
    const second = await post(owner, 'new', key);
    const created = await expectJson(second.clone(), 201, ItemSchema);
    expect(created.id).not.toBe(first.id);
    expect(second.headers.get('Idempotent-Replayed')).toBeNull();
    const replay = await post(owner, 'new', key);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
  });

  it('is cleaned up by the scheduled handler, which keeps live keys', async () => {
    const owner = await signUp();
    const [old, live] = [crypto.randomUUID(), crypto.randomUUID()];
    await expectJson(await post(owner, 'old', old), 201, ItemSchema);
    await expectJson(await post(owner, 'live', live), 201, ItemSchema);
    await expire(old);
    const controller = createScheduledController({ cron: '17 * * * *' });
    await worker.scheduled(controller, env);
    expect(await recordedKeys([old, live])).toEqual([live]);
  });
});
