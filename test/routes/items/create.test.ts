import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api, unique } from '../../helpers/http.ts';
import { itemIdsOwnedBy } from '../../helpers/rows.ts';

const itemsOf = (userId: number) => `/api/v1/users/${userId}/items`;

describe('POST /api/v1/users/{user_id}/items', () => {
  it('returns 201 with the item owned by the user, and a Location', async () => {
    const owner = await signUp();
    const body = { title: unique('Espresso '), description: 'Barely used', price: 249.5 };
    const response = await api.post(itemsOf(owner.user.id), { json: body, token: owner.token });
    const item = await expectJson(response, 201, ItemSchema);
    expect(item).toMatchObject({ ...body, owner_id: owner.user.id });
    expect(response.headers.get('Location')).toBe(`/api/v1/items/${item.id}`);
    const read = await api.get(`/api/v1/items/${item.id}`);
    expect(await expectJson(read, 200, ItemSchema)).toEqual(item);
  });

  it('creates an item with only a title: description and price are null', async () => {
    const owner = await signUp();
    const json = { title: 'Bare' };
    const response = await api.post(itemsOf(owner.user.id), { json, token: owner.token });
    const item = await expectJson(response, 201, ItemSchema);
    expect(item).toMatchObject({ title: 'Bare', description: null, price: null });
  });

  for (const [sent, text] of [
    [19.99, '19.99'],
    [5, '5'],
    [0.01, '0.01'],
    [1.1, '1.1'],
    [9_999_999_999.99, '9999999999.99'],
  ] as const) {
    it(`returns the price ${sent} as the JSON number ${text}`, async () => {
      const owner = await signUp();
      const json = { title: 't', price: sent };
      const response = await api.post(itemsOf(owner.user.id), { json, token: owner.token });
      expect(response.status, await response.clone().text()).toBe(201);
      expect(await response.clone().text()).toContain(`"price":${text},`);
      const item = await expectJson(response, 201, ItemSchema);
      const read = await api.get(`/api/v1/items/${item.id}`);
      expect(await read.text()).toContain(`"price":${text},`);
    });
  }

  it('ignores id, owner_id and unknown fields in the body', async () => {
    const owner = await signUp();
    const other = await signUp();
    const body = { title: 't', id: 2_147_483_647, owner_id: other.user.id, colour: 'red' };
    const response = await api.post(itemsOf(owner.user.id), { json: body, token: owner.token });
    const item = await expectJson(response, 201, ItemSchema);
    expect(item.id).not.toBe(2_147_483_647);
    expect(item.owner_id).toBe(owner.user.id);
    expect(item).not.toHaveProperty('colour');
    expect(await itemIdsOwnedBy(other.user.id)).toEqual([]);
  });

  it('accepts a trailing slash', async () => {
    const owner = await signUp();
    const path = `${itemsOf(owner.user.id)}/`;
    const response = await api.post(path, { json: { title: 't' }, token: owner.token });
    expect((await expectJson(response, 201, ItemSchema)).owner_id).toBe(owner.user.id);
  });

  it('accepts long descriptions (they are not indexed)', async () => {
    const owner = await signUp();
    const description = 'x'.repeat(5000);
    const item = await createItem(owner, { description });
    expect(item.description).toBe(description);
  });

  it('returns 403 when creating an item for another user, and writes nothing', async () => {
    const { token } = await signUp();
    const other = await signUp();
    const response = await api.post(itemsOf(other.user.id), { json: { title: 't' }, token });
    await expectProblem(response, 403);
    expect(await itemIdsOwnedBy(other.user.id)).toEqual([]);
  });

  it('lands all of 50 concurrent creations for one user', async () => {
    const owner = await signUp();
    const titles = Array.from({ length: 50 }, (_, i) => `concurrent ${i}`);
    const responses = await Promise.all(
      titles.map((title) =>
        api.post(itemsOf(owner.user.id), { json: { title, price: 1 }, token: owner.token }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses, statuses.join(',')).toEqual(Array<number>(50).fill(201));
    const created = await Promise.all(responses.map((r) => expectJson(r, 201, ItemSchema)));
    expect(new Set(created.map((item) => item.id)).size).toBe(50);
    const path = `/api/v1/users/${owner.user.id}`;
    const user = await expectJson(await api.get(path, { token: owner.token }), 200, UserSchema);
    expect(user.items_count).toBe(50);
    const all = await api.get(`${itemsOf(owner.user.id)}?limit=100`);
    const listed = await expectJson(all, 200, ItemSchema.array());
    expect(listed.map((item) => item.title).sort()).toEqual([...titles].sort());
    expect((await itemIdsOwnedBy(owner.user.id)).sort((a, b) => a - b)).toEqual(
      created.map((item) => item.id).sort((a, b) => a - b),
    );
  });
});
