/** Keyset pages (`after`) and the next-page link, on /items and /users/{id}/items. */
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { expectInvalid, expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';

const Items = ItemSchema.array();

/** Follows rel="next" links from `path` until a page comes without one. */
async function follow(path: string) {
  const pages: number[][] = [];
  for (let next: string | undefined = path; next; ) {
    const response = await api.get(next);
    pages.push((await expectJson(response.clone(), 200, Items)).map((item) => item.id));
    next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('Link') ?? '')?.[1];
  }
  return pages;
}

describe('GET /api/v1/users/{user_id}/items', () => {
  it("lists all of a user's items in id order, page after page, following Link", async () => {
    const owner = await signUp();
    const mine: number[] = [];
    for (let i = 0; i < 7; i++) mine.push((await createItem(owner)).id);
    const pages = await follow(`/api/v1/users/${owner.user.id}/items?limit=3`);
    expect(pages).toEqual([mine.slice(0, 3), mine.slice(3, 6), mine.slice(6)]);
    const all = await expectJson(await api.get(`/api/v1/users/${owner.user.id}/items`), 200, Items);
    expect(all.map((item) => item.id)).toEqual(mine);
  });

  it('answers an empty page for a user without items, and 404 for no such user', async () => {
    const owner = await signUp();
    const empty = await api.get(`/api/v1/users/${owner.user.id}/items`);
    expect(await expectJson(empty, 200, Items)).toEqual([]);
    expect(empty.headers.get('Link')).toBeNull();
    await expectProblem(await api.get('/api/v1/users/2147483647/items'), 404);
  });

  it('takes skip or after, and refuses both together', async () => {
    const owner = await signUp();
    const ids = [(await createItem(owner)).id, (await createItem(owner)).id];
    const path = `/api/v1/users/${owner.user.id}/items`;
    const skipped = await expectJson(await api.get(`${path}?skip=1`), 200, Items);
    expect(skipped.map((item) => item.id)).toEqual(ids.slice(1));
    const after = await expectJson(await api.get(`${path}?after=${ids[0]}`), 200, Items);
    expect(after.map((item) => item.id)).toEqual(ids.slice(1));
    await expectInvalid(await api.get(`${path}?skip=1&after=${ids[0]}`), 'query.after');
  });
});

describe('GET /api/v1/items?after', () => {
  it('lists items with a greater id, and links the next page only when this one is full', async () => {
    const owner = await signUp();
    const first = await createItem(owner);
    const second = await createItem(owner);
    const full = await api.get(`/api/v1/items?after=${first.id - 1}&limit=1`);
    expect((await expectJson(full.clone(), 200, Items))[0]?.id).toBe(first.id);
    expect(full.headers.get('Link')).toBe(`</api/v1/items?after=${first.id}&limit=1>; rel="next"`);
    const next = await expectJson(
      await api.get(`/api/v1/items?after=${first.id}&limit=1`),
      200,
      Items,
    );
    // Other files write items too: the next one is ours or one created in between.
    expect(next[0]?.id).toBeGreaterThan(first.id);
    expect(next[0]?.id).toBeLessThanOrEqual(second.id);
    const end = await api.get('/api/v1/items?after=2147483647');
    expect(await expectJson(end, 200, Items)).toEqual([]);
    expect(end.headers.get('Link')).toBeNull();
  });

  it('refuses after together with skip, and an after that is not an id', async () => {
    await expectInvalid(await api.get('/api/v1/items?skip=0&after=1'), 'query.after');
    for (const after of ['-1', 'x', '1.5', '2147483648']) {
      await expectInvalid(await api.get(`/api/v1/items?after=${after}`), 'query.after');
    }
  });
});
