import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { del, expectJson, expectProblem, get, sendJson } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { itemIdsOwnedBy } from '../../helpers/rows.ts';

const readItem = async (id: number) =>
  expectJson(await get(`/api/v1/items/${id}`), 200, ItemSchema);

for (const method of ['PATCH', 'PUT'] as const) {
  describe(`${method} /api/v1/items/{item_id}`, () => {
    it('changes only the fields sent', async () => {
      const owner = await signUp();
      const item = await createItem(owner, { description: 'Kept', price: 3 });
      const path = `/api/v1/items/${item.id}`;
      const response = await sendJson(method, path, { title: 'Renamed' }, owner.auth);
      const updated = await expectJson(response, 200, ItemSchema);
      expect(updated).toEqual({ ...item, title: 'Renamed', updated_at: updated.updated_at });
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(item.updated_at));
      expect(await readItem(item.id)).toEqual(updated);
    });

    it('changes nothing for {}', async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const response = await sendJson(method, `/api/v1/items/${item.id}`, {}, owner.auth);
      expect(await expectJson(response, 200, ItemSchema)).toEqual(item);
      expect(await readItem(item.id)).toEqual(item);
    });

    it('changes price and description, and clears them with null', async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}`;
      const priced = await sendJson(method, path, { price: 12.5, description: 'New' }, owner.auth);
      expect(await expectJson(priced, 200, ItemSchema)).toMatchObject({
        price: 12.5,
        description: 'New',
        title: item.title,
      });
      const cleared = await sendJson(method, path, { price: null, description: null }, owner.auth);
      expect(await expectJson(cleared, 200, ItemSchema)).toMatchObject({
        price: null,
        description: null,
        title: item.title,
      });
    });

    it('ignores id, owner_id and unknown fields in the body', async () => {
      const owner = await signUp();
      const other = await signUp();
      const item = await createItem(owner);
      const body = { id: item.id + 1, owner_id: other.user.id, created_at: '2000-01-01T00:00:00Z' };
      const response = await sendJson(method, `/api/v1/items/${item.id}`, body, owner.auth);
      expect(await expectJson(response, 200, ItemSchema)).toEqual(item);
      expect(await readItem(item.id)).toEqual(item);
      expect(await itemIdsOwnedBy(other.user.id)).toEqual([]);
    });

    it('returns 403 for an item of another user, and changes nothing', async () => {
      const owner = await signUp();
      const intruder = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}`;
      await expectProblem(await sendJson(method, path, { title: 'Mine now' }, intruder.auth), 403);
      expect(await readItem(item.id)).toEqual(item);
    });

    it('returns a 404 problem for an item that does not exist', async () => {
      const { auth } = await signUp();
      const response = await sendJson(method, '/api/v1/items/2147483647', { title: 'x' }, auth);
      await expectProblem(response, 404);
    });

    it('accepts a trailing slash', async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}/`;
      const response = await sendJson(method, path, { title: 'Slash' }, owner.auth);
      expect((await expectJson(response, 200, ItemSchema)).title).toBe('Slash');
    });
  });
}

describe('DELETE /api/v1/items/{item_id}', () => {
  it('returns the deleted item, which is then gone', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const kept = await createItem(owner);
    const deleted = await expectJson(
      await del(`/api/v1/items/${item.id}`, owner.auth),
      200,
      ItemSchema,
    );
    expect(deleted).toEqual(item);
    await expectProblem(await get(`/api/v1/items/${item.id}`), 404);
    const user = await get(`/api/v1/users/${owner.user.id}`, owner.auth);
    expect((await expectJson(user, 200, UserSchema)).items).toEqual([kept]);
  });

  it('returns 404 when the item was already deleted', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const first = await del(`/api/v1/items/${item.id}`, owner.auth);
    expect(first.status, await first.clone().text()).toBe(200);
    await expectProblem(await del(`/api/v1/items/${item.id}`, owner.auth), 404);
  });

  it('returns 403 for an item of another user, and deletes nothing', async () => {
    const owner = await signUp();
    const intruder = await signUp();
    const item = await createItem(owner);
    await expectProblem(await del(`/api/v1/items/${item.id}`, intruder.auth), 403);
    expect(await readItem(item.id)).toEqual(item);
  });

  it('accepts a trailing slash', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const response = await del(`/api/v1/items/${item.id}/`, owner.auth);
    expect(await expectJson(response, 200, ItemSchema)).toEqual(item);
  });
});
