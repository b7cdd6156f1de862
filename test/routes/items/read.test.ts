import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, type SignedUpUser, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { expectOrderedPages, walkPages } from '../../helpers/pages.ts';

const ItemListSchema = z.array(ItemSchema);

async function createItems(owner: SignedUpUser, count: number) {
  const created = [];
  // In chunks: enough concurrency to be quick, not so much that it becomes a load test.
  for (let start = 0; start < count; start += 25) {
    const chunk = Array.from({ length: Math.min(25, count - start) }, () => createItem(owner));
    created.push(...(await Promise.all(chunk)));
  }
  return created.sort((a, b) => a.id - b.id);
}

describe('GET /api/v1/items/{item_id}', () => {
  it('returns the item to anyone, without a token', async () => {
    const owner = await signUp();
    const item = await createItem(owner, { price: 19.99 });
    const read = await expectJson(await api.get(`/api/v1/items/${item.id}`), 200, ItemSchema);
    expect(read).toEqual(item);
    expect(read.price).toBe(19.99);
  });

  it('accepts a trailing slash', async () => {
    const item = await createItem(await signUp());
    const read = await api.get(`/api/v1/items/${item.id}/`);
    expect(await expectJson(read, 200, ItemSchema)).toEqual(item);
  });

  it('returns a 404 problem for an item that does not exist', async () => {
    const problem = await expectProblem(await api.get('/api/v1/items/2147483647'), 404);
    expect(problem.detail).toContain('2147483647');
  });
});

describe('GET /api/v1/items', () => {
  it('lists items to anyone, ordered by id, with prices as numbers', async () => {
    const owner = await signUp();
    const items = [await createItem(owner, { price: 5 }), await createItem(owner, { price: 0.5 })];
    const mine = items.map((item) => item.id);
    const walk = await walkPages('/api/v1/items', ItemListSchema, mine, { limit: 100 });
    expectOrderedPages(walk, mine, 100);
    expect(walk.pages.flat().filter((item) => mine.includes(item.id))).toEqual(items);
  });

  it('walks pages that never overlap, with ids strictly increasing across pages', async () => {
    const owner = await signUp();
    const items = await createItems(owner, 9);
    // An update moves a row within the table's storage: without ORDER BY the order would show it.
    for (const item of items.slice(0, 3)) {
      const path = `/api/v1/items/${item.id}`;
      const response = await api.patch(path, { json: { title: 'moved' }, token: owner.token });
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const mine = items.map((item) => item.id);
    const walk = await walkPages('/api/v1/items', ItemListSchema, mine, { limit: 3 });
    expect(walk.pages.length).toBeGreaterThan(2);
    expectOrderedPages(walk, mine, 3);
  });

  it('returns 100 items when no limit is given', async () => {
    // 101 items of our own guarantee more than a default page exists, whatever else is stored.
    await createItems(await signUp(), 101);
    const first = await expectJson(await api.get('/api/v1/items'), 200, ItemListSchema);
    expect(first).toHaveLength(100);
    const page = await expectJson(await api.get('/api/v1/items?skip=0'), 200, ItemListSchema);
    expect(page).toHaveLength(100);
  });

  it('returns at most limit items, and none past the end', async () => {
    await createItems(await signUp(), 2);
    const one = await expectJson(await api.get('/api/v1/items?limit=1'), 200, ItemListSchema);
    expect(one).toHaveLength(1);
    const two = await expectJson(await api.get('/api/v1/items?limit=2'), 200, ItemListSchema);
    expect(two).toHaveLength(2);
    const beyond = await api.get('/api/v1/items?skip=2147483647');
    expect(await expectJson(beyond, 200, ItemListSchema)).toEqual([]);
  });

  it('accepts a trailing slash', async () => {
    await createItem(await signUp());
    const items = await expectJson(await api.get('/api/v1/items/?limit=1'), 200, ItemListSchema);
    expect(items).toHaveLength(1);
  });
});
