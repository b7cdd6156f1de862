import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { itemIdsOwnedBy } from '../../helpers/rows.ts';

const readItem = async (id: number) =>
  expectJson(await api.get(`/api/v1/items/${id}`), 200, ItemSchema);

for (const method of ['PATCH', 'PUT'] as const) {
  describe(`${method} /api/v1/items/{item_id}`, () => {
    it('changes only the fields sent', async () => {
      const owner = await signUp();
      const item = await createItem(owner, { description: 'Kept', price: 3 });
      const path = `/api/v1/items/${item.id}`;
      const response = await api.send(method, path, {
        json: { title: 'Renamed' },
        token: owner.token,
      });
      const updated = await expectJson(response, 200, ItemSchema);
      expect(updated).toEqual({ ...item, title: 'Renamed', updated_at: updated.updated_at });
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(item.updated_at));
      expect(await readItem(item.id)).toEqual(updated);
    });

    it('changes nothing for {}', async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}`;
      const response = await api.send(method, path, { json: {}, token: owner.token });
      expect(await expectJson(response, 200, ItemSchema)).toEqual(item);
      expect(await readItem(item.id)).toEqual(item);
    });

    it('changes price and description, and clears them with null', async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}`;
      const { token } = owner;
      const priced = await api.send(method, path, {
        json: { price: 12.5, description: 'New' },
        token,
      });
      expect(await expectJson(priced, 200, ItemSchema)).toMatchObject({
        price: 12.5,
        description: 'New',
        title: item.title,
      });
      const cleared = await api.send(method, path, {
        json: { price: null, description: null },
        token,
      });
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
      const path = `/api/v1/items/${item.id}`;
      const response = await api.send(method, path, { json: body, token: owner.token });
      expect(await expectJson(response, 200, ItemSchema)).toEqual(item);
      expect(await readItem(item.id)).toEqual(item);
      expect(await itemIdsOwnedBy(other.user.id)).toEqual([]);
    });

    it('returns 403 for an item of another user, and changes nothing', async () => {
      const owner = await signUp();
      const intruder = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}`;
      const json = { title: 'Mine now' };
      await expectProblem(await api.send(method, path, { json, token: intruder.token }), 403);
      expect(await readItem(item.id)).toEqual(item);
    });

    it('returns a 404 problem for an item that does not exist', async () => {
      const { token } = await signUp();
      const json = { title: 'x' };
      const response = await api.send(method, '/api/v1/items/2147483647', { json, token });
      await expectProblem(response, 404);
    });

    it('accepts a trailing slash', async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}/`;
      const response = await api.send(method, path, {
        json: { title: 'Slash' },
        token: owner.token,
      });
      expect((await expectJson(response, 200, ItemSchema)).title).toBe('Slash');
    });
  });
}
