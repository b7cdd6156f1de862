import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { expectInvalid, expectJson } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { itemIdsOwnedBy } from '../../helpers/rows.ts';

const invalidItemFields: [string, Record<string, unknown>, string[]][] = [
  ['an empty title', { title: '' }, ['body.title']],
  ['a 201-character title', { title: 't'.repeat(201) }, ['body.title']],
  ['201 emoji as title', { title: '🪑'.repeat(201) }, ['body.title']],
  ['a NUL in the title', { title: 'Lamp\u0000' }, ['body.title']],
  ['an unpaired surrogate in the title', { title: 'Lamp\ud800' }, ['body.title']],
  ['a non-string title', { title: 42 }, ['body.title']],
  ['a 5001-character description', { description: 'd'.repeat(5001) }, ['body.description']],
  ['5001 emoji as description', { description: '📦'.repeat(5001) }, ['body.description']],
  ['a NUL in the description', { description: '\u0000' }, ['body.description']],
  ['an unpaired surrogate in the description', { description: '\udfff' }, ['body.description']],
  ['a price of 0', { price: 0 }, ['body.price']],
  ['a negative price', { price: -1 }, ['body.price']],
  ['a price of -0.01', { price: -0.01 }, ['body.price']],
  ['a price with 3 decimals', { price: 1.001 }, ['body.price']],
  ['a price below a cent', { price: 0.001 }, ['body.price']],
  ['a price of 10^10', { price: 10_000_000_000 }, ['body.price']],
  ['a price far above 10^10', { price: 1e21 }, ['body.price']],
  ['a price sent as a string', { price: '19.99' }, ['body.price']],
  // Breaks two rules (negative, three decimals) and is still one error: one field, one fix.
  ['a negative price with 3 decimals', { price: -1.005 }, ['body.price']],
];

describe('POST /api/v1/users/{user_id}/items validation', () => {
  for (const [name, fields, paths] of invalidItemFields) {
    it(`returns 422 naming ${paths.join(', ')} for ${name}, and writes nothing`, async () => {
      const owner = await signUp();
      const json = { title: 'Lamp', ...fields };
      const path = `/api/v1/users/${owner.user.id}/items`;
      const response = await api.post(path, { json, token: owner.token });
      await expectInvalid(response, ...paths);
      expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
    });
  }

  it('returns 422 naming the missing title', async () => {
    const owner = await signUp();
    const path = `/api/v1/users/${owner.user.id}/items`;
    const response = await api.post(path, { json: {}, token: owner.token });
    await expectInvalid(response, 'body.title');
  });

  it('returns 422 naming every invalid field at once', async () => {
    const owner = await signUp();
    const json = { title: '', description: 'd'.repeat(5001), price: 0 };
    const path = `/api/v1/users/${owner.user.id}/items`;
    const response = await api.post(path, { json, token: owner.token });
    await expectInvalid(response, 'body.title', 'body.description', 'body.price');
  });

  it('accepts every value at the edges of the rules', async () => {
    const owner = await signUp();
    const edges = [
      { title: 't' },
      { title: 't'.repeat(200) },
      { title: '🪑'.repeat(200) },
      { description: '' },
      { description: 'd'.repeat(5000) },
      { description: '📦'.repeat(5000) },
      { price: 0.01 },
      { price: 9_999_999_999.99 },
      { price: 1e9 },
    ];
    for (const fields of edges) {
      const item = await createItem(owner, fields);
      expect(item).toMatchObject(fields);
    }
  });
});

describe('PATCH /api/v1/items/{item_id} validation', () => {
  for (const [name, fields, paths] of invalidItemFields) {
    it(`returns 422 naming ${paths.join(', ')} for ${name}, and changes nothing`, async () => {
      const owner = await signUp();
      const item = await createItem(owner);
      const path = `/api/v1/items/${item.id}`;
      const response = await api.patch(path, { json: fields, token: owner.token });
      await expectInvalid(response, ...paths);
      expect(await expectJson(await api.get(path), 200, ItemSchema)).toEqual(item);
    });
  }

  it('returns 422 for a null title, which is required', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const json = { title: null };
    const response = await api.patch(`/api/v1/items/${item.id}`, { json, token: owner.token });
    await expectInvalid(response, 'body.title');
  });
});

describe('item path ids', () => {
  for (const id of ['0', '-1', '2147483648', 'abc', '1.5', '1e3']) {
    it(`returns 422 naming path.item_id for ${id} on every items route`, async () => {
      const { token } = await signUp();
      const path = `/api/v1/items/${id}`;
      await expectInvalid(await api.get(path), 'path.item_id');
      await expectInvalid(await api.patch(path, { json: {}, token }), 'path.item_id');
      await expectInvalid(await api.put(path, { json: {}, token }), 'path.item_id');
      await expectInvalid(await api.delete(path, { token }), 'path.item_id');
    });
  }
});

describe('GET /api/v1/items query validation', () => {
  const invalidQueries: [string, string[]][] = [
    ['skip=-1', ['query.skip']],
    ['skip=x', ['query.skip']],
    ['skip=2147483648', ['query.skip']],
    ['limit=0', ['query.limit']],
    ['limit=101', ['query.limit']],
    ['limit=1.5', ['query.limit']],
    ['limit=', ['query.limit']],
    ['skip=-1&limit=101', ['query.skip', 'query.limit']],
  ];
  for (const [query, paths] of invalidQueries) {
    it(`returns 422 naming ${paths.join(', ')} for ?${query}`, async () => {
      await expectInvalid(await api.get(`/api/v1/items?${query}`), ...paths);
    });
  }
});
