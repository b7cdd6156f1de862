/** POST /users/{user_id}/items with an Idempotency-Key: one item per key, the answer replayed. */
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectInvalid, expectJson, expectProblem, expectUnauthorized } from '../../helpers/api.ts';
import { createItem, type SignedUpUser, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { itemIdsOwnedBy } from '../../helpers/rows.ts';
import { idsCreatedAtOnce } from './one-key.ts';

const key = () => crypto.randomUUID();
const path = (owner: SignedUpUser) => `/api/v1/users/${owner.user.id}/items`;
const post = (owner: SignedUpUser, json: unknown, idempotencyKey: string, token = owner.token) =>
  api.post(path(owner), { json, token, headers: { 'Idempotency-Key': idempotencyKey } });

describe('POST /api/v1/users/{user_id}/items with Idempotency-Key', () => {
  it('answers a repeat with the first response, marked replayed, and creates one item', async () => {
    const owner = await signUp();
    const k = key();
    const body = { title: 'Once only', description: 'retried', price: 12.5 };
    const first = await post(owner, body, k);
    const created = await expectJson(first.clone(), 201, ItemSchema);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const again = await post(owner, body, k);
    expect(await expectJson(again.clone(), 201, ItemSchema)).toEqual(created);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'));
    expect(again.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([created.id]);
    const me = await expectJson(await api.get('/api/v1/users/me', owner), 200, UserSchema);
    expect(me.items_count).toBe(1);
  });

  it('replays the item as it was created, even after it changed', async () => {
    const owner = await signUp();
    const k = key();
    const created = await expectJson(await post(owner, { title: 'v1' }, k), 201, ItemSchema);
    const patched = await api.patch(`/api/v1/items/${created.id}`, {
      json: { title: 'v2' },
      token: owner.token,
    });
    expect(patched.status).toBe(200);
    const again = await expectJson(await post(owner, { title: 'v1' }, k), 201, ItemSchema);
    expect(again).toEqual(created);
  });

  it('refuses the same key with another body (422) and creates nothing', async () => {
    const owner = await signUp();
    const k = key();
    const created = await expectJson(await post(owner, { title: 'first' }, k), 201, ItemSchema);
    await expectInvalid(await post(owner, { title: 'second' }, k), 'header.idempotency-key');
    await expectInvalid(
      await post(owner, { title: 'first', price: 1 }, k),
      'header.idempotency-key',
    );
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([created.id]);
  });

  it('keeps keys apart per caller and per endpoint', async () => {
    const [alice, bob] = [await signUp(), await signUp()];
    const k = key();
    const mine = await expectJson(await post(alice, { title: 'a' }, k), 201, ItemSchema);
    const theirs = await expectJson(await post(bob, { title: 'a' }, k), 201, ItemSchema);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.owner_id).toBe(bob.user.id);
  });

  it('creates an item per request without a key, as before', async () => {
    const owner = await signUp();
    await createItem(owner, { title: 'same' });
    await createItem(owner, { title: 'same' });
    expect(await itemIdsOwnedBy(owner.user.id)).toHaveLength(2);
  });

  it('does not record refusals: the same key works once the request can succeed', async () => {
    const [owner, stranger] = [await signUp(), await signUp()];
    const k = key();
    await expectProblem(await post(owner, { title: 'x' }, k, stranger.token), 403);
    await expectInvalid(await post(owner, { title: '' }, k), 'body.title');
    const created = await expectJson(await post(owner, { title: 'x' }, k), 201, ItemSchema);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([created.id]);
  });

  it('still asks for a live token on a repeat', async () => {
    const owner = await signUp();
    const k = key();
    await expectJson(await post(owner, { title: 'kept' }, k), 201, ItemSchema);
    expect((await api.post('/api/v1/auth/logout', owner)).status).toBe(204);
    await expectUnauthorized(await post(owner, { title: 'kept' }, k));
  });

  it('creates exactly one item for 10 concurrent requests with one key', async () => {
    const owner = await signUp();
    const k = key();
    const body = { title: 'raced', price: 3 };
    const ids = await idsCreatedAtOnce(() => post(owner, body, k), ItemSchema);
    expect(ids.size).toBe(1);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([...ids]);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'two words'],
    ['with a tab', 'a\tb'],
  ])('refuses a key that is %s (422) and creates nothing', async (_, bad) => {
    const owner = await signUp();
    await expectInvalid(await post(owner, { title: 'x' }, bad), 'header.idempotency-key');
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
  });
});
