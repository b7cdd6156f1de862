import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import {
  PublicUserSchema,
  UserSchema,
  VisibleUserSchema,
} from '../../../src/routes/users/users.schemas.ts';
import { expectInvalid, expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { expectOrderedPages, walkPages } from '../../helpers/pages.ts';

const UserListSchema = z.array(VisibleUserSchema);

describe('GET /api/v1/users/{user_id}', () => {
  it('returns another user with their items, ordered by id', async () => {
    const owner = await signUp();
    const reader = await signUp();
    const created = await createItem(owner, { price: 19.99 });
    const second = await createItem(owner, { price: 5, description: null });
    // Updating the first item moves its row behind the second in the table; it still lists first.
    const patched = await api.patch(`/api/v1/items/${created.id}`, {
      json: { title: 'First' },
      token: owner.token,
    });
    const first = await expectJson(patched, 200, ItemSchema);
    const path = `/api/v1/users/${owner.user.id}`;
    const user = await expectJson(
      await api.get(path, { token: reader.token }),
      200,
      PublicUserSchema,
    );
    expect(user).toMatchObject({ id: owner.user.id, username: owner.user.username });
    expect(user.items).toEqual([first, second]);
    expect(user.items.map((item) => item.price)).toEqual([19.99, 5]);
  });

  it('keeps the price a JSON number inside the user document', async () => {
    const owner = await signUp();
    await createItem(owner, { price: 5 });
    const response = await api.get(`/api/v1/users/${owner.user.id}`, { token: owner.token });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.text()).toMatch(/"price":5[,}]/);
  });

  it('accepts a trailing slash', async () => {
    const { user, token } = await signUp();
    const read = await expectJson(
      await api.get(`/api/v1/users/${user.id}/`, { token }),
      200,
      UserSchema,
    );
    expect(read.id).toBe(user.id);
  });

  it('returns a 404 problem for a user that does not exist', async () => {
    const { token } = await signUp();
    const problem = await expectProblem(await api.get('/api/v1/users/2147483647', { token }), 404);
    expect(problem.detail).toContain('2147483647');
  });

  it('returns 404 for a user that was deleted', async () => {
    const gone = await signUp();
    const reader = await signUp();
    const deleted = await api.delete(`/api/v1/users/${gone.user.id}`, { token: gone.token });
    expect(deleted.status, await deleted.clone().text()).toBe(200);
    await expectProblem(
      await api.get(`/api/v1/users/${gone.user.id}`, { token: reader.token }),
      404,
    );
  });
});

describe('GET /api/v1/users', () => {
  it('lists users ordered by id, each with their items', async () => {
    const first = await signUp();
    const second = await signUp();
    const item = await createItem(second, { price: 5 });
    const mine = [first.user.id, second.user.id];
    const walk = await walkPages('/api/v1/users', UserListSchema, mine, {
      limit: 15,
      token: first.token,
    });
    expectOrderedPages(walk, mine, 15);
    const listed = walk.pages.flat().filter((user) => mine.includes(user.id));
    expect(listed.map((user) => user.items)).toEqual([[], [item]]);
    // Your own account with its email; anyone else's without.
    expect(listed[0]).toMatchObject({ username: first.user.username, email: first.user.email });
    expect(listed[1]).toMatchObject({ username: second.user.username });
    expect(listed[1]).not.toHaveProperty('email');
  });

  it('walks pages that never overlap, with ids strictly increasing across pages', async () => {
    const mine = [];
    for (let i = 0; i < 7; i++) mine.push(await signUp());
    // An update moves a row within the table's storage: without ORDER BY the order would show it.
    for (const { user, token } of mine.slice(0, 3)) {
      const path = `/api/v1/users/${user.id}`;
      const response = await api.patch(path, { json: { full_name: 'Moved' }, token });
      expect(response.status, await response.clone().text()).toBe(200);
    }
    const ids = mine.map(({ user }) => user.id);
    const walk = await walkPages('/api/v1/users', UserListSchema, ids, {
      limit: 2,
      token: mine[0]?.token,
    });
    expect(walk.pages.length).toBeGreaterThan(2);
    expectOrderedPages(walk, ids, 2);
  });

  it('returns at most limit users, and none past the end', async () => {
    const { token } = await signUp();
    await signUp();
    const one = await expectJson(
      await api.get('/api/v1/users?limit=1', { token }),
      200,
      UserListSchema,
    );
    expect(one).toHaveLength(1);
    const two = await expectJson(
      await api.get('/api/v1/users?limit=2', { token }),
      200,
      UserListSchema,
    );
    expect(two).toHaveLength(2);
    const beyond = await api.get('/api/v1/users?skip=2147483647&limit=15', { token });
    expect(await expectJson(beyond, 200, UserListSchema)).toEqual([]);
  });

  it('accepts a trailing slash', async () => {
    const { token } = await signUp();
    const users = await expectJson(
      await api.get('/api/v1/users/?limit=1', { token }),
      200,
      UserListSchema,
    );
    expect(users).toHaveLength(1);
  });

  const invalidQueries: [string, string][] = [
    ['skip=-1', 'query.skip'],
    ['skip=abc', 'query.skip'],
    ['skip=1.5', 'query.skip'],
    ['skip=2147483648', 'query.skip'],
    ['limit=0', 'query.limit'],
    ['limit=16', 'query.limit'],
    ['limit=-5', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['limit=', 'query.limit'],
  ];
  for (const [query, path] of invalidQueries) {
    it(`returns 422 naming ${path} for ?${query}`, async () => {
      const { token } = await signUp();
      await expectInvalid(await api.get(`/api/v1/users?${query}`, { token }), path);
    });
  }

  it('returns 422 naming both parameters when both are invalid', async () => {
    const { token } = await signUp();
    await expectInvalid(
      await api.get('/api/v1/users?skip=-1&limit=0', { token }),
      'query.skip',
      'query.limit',
    );
  });
});
