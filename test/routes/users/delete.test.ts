import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { createItem, signUp } from '../../helpers/factories.ts';
import { api } from '../../helpers/http.ts';
import { itemIdsOwnedBy, userIdsNamed } from '../../helpers/rows.ts';

describe('DELETE /api/v1/users/{user_id}', () => {
  it('returns the deleted user with its items, and deletes the items too', async () => {
    const owner = await signUp();
    const reader = await signUp();
    const items = [await createItem(owner), await createItem(owner, { price: 5 })];
    const path = `/api/v1/users/${owner.user.id}`;
    const response = await api.delete(path, { token: owner.token });
    const deleted = await expectJson(response, 200, UserSchema);
    expect(deleted).toMatchObject({ id: owner.user.id, username: owner.user.username, items });
    await expectProblem(await api.get(path, { token: reader.token }), 404);
    for (const item of items) await expectProblem(await api.get(`/api/v1/items/${item.id}`), 404);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
    expect(await userIdsNamed(owner.user.username)).toEqual([]);
  });

  it('leaves other users and their items alone', async () => {
    const owner = await signUp();
    const neighbour = await signUp();
    const kept = await createItem(neighbour);
    await createItem(owner);
    const response = await api.delete(`/api/v1/users/${owner.user.id}`, { token: owner.token });
    expect(response.status, await response.clone().text()).toBe(200);
    const item = await api.get(`/api/v1/items/${kept.id}`);
    expect(await expectJson(item, 200, ItemSchema)).toEqual(kept);
    const neighbourNow = await api.get(`/api/v1/users/${neighbour.user.id}`, {
      token: neighbour.token,
    });
    expect((await expectJson(neighbourNow, 200, UserSchema)).items).toEqual([kept]);
  });

  it('frees the username and email for a new sign-up', async () => {
    const { user, token } = await signUp();
    const response = await api.delete(`/api/v1/users/${user.id}`, { token });
    expect(response.status, await response.clone().text()).toBe(200);
    const again = await signUp({ username: user.username, email: user.email });
    expect(again.user.id).not.toBe(user.id);
  });

  it('returns 403 for another user, and deletes nothing', async () => {
    const { token } = await signUp();
    const other = await signUp();
    const item = await createItem(other);
    await expectProblem(await api.delete(`/api/v1/users/${other.user.id}`, { token }), 403);
    expect(await userIdsNamed(other.user.username)).toEqual([other.user.id]);
    expect(await itemIdsOwnedBy(other.user.id)).toEqual([item.id]);
  });

  it('accepts a trailing slash', async () => {
    const { user, token } = await signUp();
    const response = await api.delete(`/api/v1/users/${user.id}/`, { token });
    expect((await expectJson(response, 200, UserSchema)).id).toBe(user.id);
  });

  for (const id of ['0', '-1', '2147483648', 'abc', '1.5']) {
    it(`returns 422 naming path.user_id for ${id}`, async () => {
      const { token } = await signUp();
      const problem = await expectProblem(await api.delete(`/api/v1/users/${id}`, { token }), 422);
      expect(problem.errors?.map((error) => error.path)).toEqual(['path.user_id']);
    });
  }
});
