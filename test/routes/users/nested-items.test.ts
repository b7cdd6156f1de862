/** A user nests their first items only, with items_count; all of them are at /users/{id}/items. */
import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { NESTED_ITEMS, UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';

describe('nested items', () => {
  it(`are the first ${NESTED_ITEMS} by id, with the total in items_count, wherever a user appears`, async () => {
    const owner = await signUp();
    const ids: number[] = [];
    for (let i = 0; i < NESTED_ITEMS + 2; i++) ids.push((await createItem(owner)).id);
    const first = ids.slice(0, NESTED_ITEMS);
    const path = `/api/v1/users/${owner.user.id}`;
    const reads = [
      await api.get('/api/v1/users/me', { token: owner.token }),
      await api.get(path, { token: owner.token }),
      await api.patch(path, { json: { full_name: 'Still bounded' }, token: owner.token }),
    ];
    for (const response of reads) {
      const user = await expectJson(response, 200, UserSchema);
      expect(user.items.map((item) => item.id)).toEqual(first);
      expect(user.items_count).toBe(NESTED_ITEMS + 2);
    }
    const listed = await api.get(`/api/v1/users?after=${owner.user.id - 1}&limit=1`, {
      token: owner.token,
    });
    const [user] = await expectJson(listed, 200, UserSchema.array());
    expect(user?.items.map((item) => item.id)).toEqual(first);
    expect(user?.items_count).toBe(NESTED_ITEMS + 2);
    const all = await expectJson(await api.get(`${path}/items`), 200, ItemSchema.array());
    expect(all.map((item) => item.id)).toEqual(ids);

    const deleted = await api.delete(path, { token: owner.token });
    const gone = await expectJson(deleted, 200, UserSchema);
    expect(gone.items.map((item) => item.id)).toEqual(first);
    expect(gone.items_count).toBe(NESTED_ITEMS + 2);
  });

  it('count zero for a new user', async () => {
    const { user } = await signUp();
    expect(user).toMatchObject({ items: [], items_count: 0 });
  });
});
