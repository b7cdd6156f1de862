import { describe, expect, it } from 'vitest';
import { ItemSchema } from '../../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { del, expectJson, expectProblem, get, sendJson } from '../../helpers/api.ts';
import { createItem, login, signUp } from '../../helpers/factories.ts';
import { unique } from '../../helpers/http.ts';
import { itemIdsOwnedBy, storedPasswordHash, userIdsNamed } from '../../helpers/rows.ts';

for (const method of ['PATCH', 'PUT'] as const) {
  describe(`${method} /api/v1/users/{user_id}`, () => {
    it('changes only the fields sent', async () => {
      const { user, auth } = await signUp();
      const path = `/api/v1/users/${user.id}`;
      const before = await expectJson(await get(path, auth), 200, UserSchema);
      const response = await sendJson(method, path, { full_name: 'Grace Hopper' }, auth);
      const updated = await expectJson(response, 200, UserSchema);
      expect(updated).toEqual({
        ...before,
        full_name: 'Grace Hopper',
        updated_at: updated.updated_at,
      });
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
      expect(await expectJson(await get(path, auth), 200, UserSchema)).toEqual(updated);
    });

    it('changes nothing for {}', async () => {
      const { user, auth } = await signUp();
      const path = `/api/v1/users/${user.id}`;
      const before = await expectJson(await get(path, auth), 200, UserSchema);
      const updated = await expectJson(await sendJson(method, path, {}, auth), 200, UserSchema);
      expect(updated).toEqual(before);
      expect(await expectJson(await get(path, auth), 200, UserSchema)).toEqual(before);
    });

    it('changes username, email and full_name together, and sets full_name to null', async () => {
      const { user, auth } = await signUp();
      const username = unique('renamed_');
      const body = { username, email: `${username}@example.org`, full_name: null };
      const response = await sendJson(method, `/api/v1/users/${user.id}`, body, auth);
      const updated = await expectJson(response, 200, UserSchema);
      expect(updated).toMatchObject({ id: user.id, ...body });
      expect(await userIdsNamed(user.username)).toEqual([]);
    });

    it('changes the password: the new one logs in, the old one no longer does', async () => {
      const { user, auth, password } = await signUp();
      const body = { password: 'a brand new passphrase' };
      const response = await sendJson(method, `/api/v1/users/${user.id}`, body, auth);
      await expectJson(response, 200, UserSchema);
      expect((await login(user.username, body.password)).status).toBe(200);
      expect((await login(user.username, password)).status).toBe(401);
    });

    it('ignores id, hashed_password and unknown fields in the body', async () => {
      const { user, auth, password } = await signUp();
      const other = await signUp();
      const hash = await storedPasswordHash(user.id);
      const body = {
        id: other.user.id,
        hashed_password: 'pbkdf2_sha256$1$AAAA$AAAA',
        created_at: '2000-01-01T00:00:00Z',
        items: [],
        role: 'admin',
      };
      const path = `/api/v1/users/${user.id}`;
      const before = await expectJson(await get(path, auth), 200, UserSchema);
      const updated = await expectJson(await sendJson(method, path, body, auth), 200, UserSchema);
      expect(updated).toEqual(before);
      expect(await storedPasswordHash(user.id)).toBe(hash);
      expect((await login(user.username, password)).status).toBe(200);
      const untouched = await get(`/api/v1/users/${other.user.id}`, auth);
      expect((await expectJson(untouched, 200, UserSchema)).username).toBe(other.user.username);
    });

    it('lets a user change the case of their own email', async () => {
      const { user, auth } = await signUp();
      const email = user.email.toUpperCase();
      const response = await sendJson(method, `/api/v1/users/${user.id}`, { email }, auth);
      expect((await expectJson(response, 200, UserSchema)).email).toBe(email);
    });

    it('returns 409 when the username is taken, and changes nothing', async () => {
      const { user, auth } = await signUp();
      const other = await signUp();
      const body = { username: other.user.username, full_name: 'Changed' };
      const response = await sendJson(method, `/api/v1/users/${user.id}`, body, auth);
      expect((await expectProblem(response, 409)).detail).toMatch(/username/i);
      const after = await expectJson(await get(`/api/v1/users/${user.id}`, auth), 200, UserSchema);
      expect(after).toMatchObject({ username: user.username, full_name: user.full_name });
    });

    it('returns 409 when the email is taken in another case, and changes nothing', async () => {
      const { user, auth } = await signUp();
      const other = await signUp();
      const body = { email: other.user.email.toUpperCase() };
      const response = await sendJson(method, `/api/v1/users/${user.id}`, body, auth);
      expect((await expectProblem(response, 409)).detail).toMatch(/email/i);
      const after = await expectJson(await get(`/api/v1/users/${user.id}`, auth), 200, UserSchema);
      expect(after.email).toBe(user.email);
    });

    it('returns 403 for another user, and changes nothing', async () => {
      const { auth } = await signUp();
      const other = await signUp();
      const path = `/api/v1/users/${other.user.id}`;
      await expectProblem(await sendJson(method, path, { full_name: 'Hijacked' }, auth), 403);
      const after = await expectJson(await get(path, auth), 200, UserSchema);
      expect(after.full_name).toBe(other.user.full_name);
    });

    it('accepts a trailing slash', async () => {
      const { user, auth } = await signUp();
      const path = `/api/v1/users/${user.id}/`;
      const updated = await expectJson(
        await sendJson(method, path, { full_name: 'Slash' }, auth),
        200,
        UserSchema,
      );
      expect(updated.full_name).toBe('Slash');
    });
  });
}

describe('DELETE /api/v1/users/{user_id}', () => {
  it('returns the deleted user with its items, and deletes the items too', async () => {
    const owner = await signUp();
    const reader = await signUp();
    const items = [await createItem(owner), await createItem(owner, { price: 5 })];
    const response = await del(`/api/v1/users/${owner.user.id}`, owner.auth);
    const deleted = await expectJson(response, 200, UserSchema);
    expect(deleted).toMatchObject({ id: owner.user.id, username: owner.user.username, items });
    await expectProblem(await get(`/api/v1/users/${owner.user.id}`, reader.auth), 404);
    for (const item of items) await expectProblem(await get(`/api/v1/items/${item.id}`), 404);
    expect(await itemIdsOwnedBy(owner.user.id)).toEqual([]);
    expect(await userIdsNamed(owner.user.username)).toEqual([]);
  });

  it('leaves other users and their items alone', async () => {
    const owner = await signUp();
    const neighbour = await signUp();
    const kept = await createItem(neighbour);
    await createItem(owner);
    const response = await del(`/api/v1/users/${owner.user.id}`, owner.auth);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await expectJson(await get(`/api/v1/items/${kept.id}`), 200, ItemSchema)).toEqual(kept);
    const path = `/api/v1/users/${neighbour.user.id}`;
    expect((await expectJson(await get(path, neighbour.auth), 200, UserSchema)).items).toEqual([
      kept,
    ]);
  });

  it('frees the username and email for a new sign-up', async () => {
    const { user, auth } = await signUp();
    const response = await del(`/api/v1/users/${user.id}`, auth);
    expect(response.status, await response.clone().text()).toBe(200);
    const again = await signUp({ username: user.username, email: user.email });
    expect(again.user.id).not.toBe(user.id);
  });

  it('returns 403 for another user, and deletes nothing', async () => {
    const { auth } = await signUp();
    const other = await signUp();
    const item = await createItem(other);
    await expectProblem(await del(`/api/v1/users/${other.user.id}`, auth), 403);
    expect(await userIdsNamed(other.user.username)).toEqual([other.user.id]);
    expect(await itemIdsOwnedBy(other.user.id)).toEqual([item.id]);
  });

  it('accepts a trailing slash', async () => {
    const { user, auth } = await signUp();
    const response = await del(`/api/v1/users/${user.id}/`, auth);
    expect((await expectJson(response, 200, UserSchema)).id).toBe(user.id);
  });

  for (const id of ['0', '-1', '2147483648', 'abc', '1.5']) {
    it(`returns 422 naming path.user_id for ${id}`, async () => {
      const { auth } = await signUp();
      const problem = await expectProblem(await del(`/api/v1/users/${id}`, auth), 422);
      expect(problem.errors?.map((error) => error.path)).toEqual(['path.user_id']);
    });
  }
});
