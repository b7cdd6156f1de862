import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';

describe('DELETE /api/v1/items/{item_id}', () => {
  it('returns the deleted item, which is then gone', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const kept = await createItem(owner);
    const path = `/api/v1/items/${item.id}`;
    const response = await api.delete(path, { token: owner.token });
    const deleted = await expectJson(response, 200, ItemSchema);
    expect(deleted).toEqual(item);
    await expectProblem(await api.get(path), 404);
    const user = await api.get(`/api/v1/users/${owner.user.id}`, { token: owner.token });
    expect((await expectJson(user, 200, UserSchema)).items).toEqual([kept]);
  });

  it('returns 404 when the item was already deleted', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const path = `/api/v1/items/${item.id}`;
    const first = await api.delete(path, { token: owner.token });
    expect(first.status, await first.clone().text()).toBe(200);
    await expectProblem(await api.delete(path, { token: owner.token }), 404);
  });

  it('returns 403 for an item of another user, and deletes nothing', async () => {
    const owner = await signUp();
    const intruder = await signUp();
    const item = await createItem(owner);
    const path = `/api/v1/items/${item.id}`;
    await expectProblem(await api.delete(path, { token: intruder.token }), 403);
    expect(await expectJson(await api.get(path), 200, ItemSchema)).toEqual(item);
  });

  it('accepts a trailing slash', async () => {
    const owner = await signUp();
    const item = await createItem(owner);
    const response = await api.delete(`/api/v1/items/${item.id}/`, { token: owner.token });
    expect(await expectJson(response, 200, ItemSchema)).toEqual(item);
  });
});
