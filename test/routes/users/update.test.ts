import { describe, expect, it } from 'vitest';
import { PublicUserSchema, UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectInvalid, expectJson, expectProblem } from '../../helpers/api.ts';
import { login, signUp } from '../../helpers/factories.ts';
import { api, unique } from '../../helpers/http.ts';
import { storedPasswordHash, userIdsNamed } from '../../helpers/rows.ts';

for (const method of ['PATCH', 'PUT'] as const) {
  describe(`${method} /api/v1/users/{user_id}`, () => {
    it('changes only the fields sent', async () => {
      const { user, token } = await signUp();
      const path = `/api/v1/users/${user.id}`;
      const before = await expectJson(await api.get(path, { token }), 200, UserSchema);
      const response = await api.send(method, path, { json: { full_name: 'Grace Hopper' }, token });
      const updated = await expectJson(response, 200, UserSchema);
      expect(updated).toEqual({
        ...before,
        full_name: 'Grace Hopper',
        updated_at: updated.updated_at,
      });
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
      expect(await expectJson(await api.get(path, { token }), 200, UserSchema)).toEqual(updated);
    });

    it('changes nothing for {}', async () => {
      const { user, token } = await signUp();
      const path = `/api/v1/users/${user.id}`;
      const before = await expectJson(await api.get(path, { token }), 200, UserSchema);
      const response = await api.send(method, path, { json: {}, token });
      expect(await expectJson(response, 200, UserSchema)).toEqual(before);
      expect(await expectJson(await api.get(path, { token }), 200, UserSchema)).toEqual(before);
    });

    it('changes username, email and full_name together, and sets full_name to null', async () => {
      const { user, token } = await signUp();
      const username = unique('renamed_');
      const body = { username, email: `${username}@example.org`, full_name: null };
      const response = await api.send(method, `/api/v1/users/${user.id}`, { json: body, token });
      const updated = await expectJson(response, 200, UserSchema);
      expect(updated).toMatchObject({ id: user.id, ...body });
      expect(await userIdsNamed(user.username)).toEqual([]);
    });

    it('refuses a password with 422 naming the password endpoint, and changes nothing', async () => {
      const { user, token, password } = await signUp();
      const hash = await storedPasswordHash(user.id);
      const body = { password: 'a brand new passphrase', full_name: 'Not applied' };
      const response = await api.send(method, `/api/v1/users/${user.id}`, { json: body, token });
      const problem = await expectInvalid(response, 'body.password');
      expect(problem.errors?.[0]?.message).toContain('PUT /api/v1/users/me/password');
      expect(await storedPasswordHash(user.id)).toBe(hash);
      expect((await login(user.username, password)).status).toBe(200);
      const after = await api.get(`/api/v1/users/${user.id}`, { token });
      expect((await expectJson(after, 200, UserSchema)).full_name).toBe(user.full_name);
    });

    it('ignores id, hashed_password and unknown fields in the body', async () => {
      const { user, token, password } = await signUp();
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
      const before = await expectJson(await api.get(path, { token }), 200, UserSchema);
      const response = await api.send(method, path, { json: body, token });
      expect(await expectJson(response, 200, UserSchema)).toEqual(before);
      expect(await storedPasswordHash(user.id)).toBe(hash);
      expect((await login(user.username, password)).status).toBe(200);
      const untouched = await api.get(`/api/v1/users/${other.user.id}`, { token });
      expect((await expectJson(untouched, 200, PublicUserSchema)).username).toBe(
        other.user.username,
      );
    });

    it('lets a user change the case of their own email', async () => {
      const { user, token } = await signUp();
      const email = user.email.toUpperCase();
      const response = await api.send(method, `/api/v1/users/${user.id}`, {
        json: { email },
        token,
      });
      expect((await expectJson(response, 200, UserSchema)).email).toBe(email);
    });

    it('returns 409 when the username is taken, and changes nothing', async () => {
      const { user, token } = await signUp();
      const other = await signUp();
      const body = { username: other.user.username, full_name: 'Changed' };
      const path = `/api/v1/users/${user.id}`;
      const response = await api.send(method, path, { json: body, token });
      expect((await expectProblem(response, 409)).detail).toMatch(/username/i);
      const after = await expectJson(await api.get(path, { token }), 200, UserSchema);
      expect(after).toMatchObject({ username: user.username, full_name: user.full_name });
    });

    it('returns 409 when the email is taken in another case, and changes nothing', async () => {
      const { user, token } = await signUp();
      const other = await signUp();
      const body = { email: other.user.email.toUpperCase() };
      const path = `/api/v1/users/${user.id}`;
      const response = await api.send(method, path, { json: body, token });
      expect((await expectProblem(response, 409)).detail).toMatch(/email/i);
      const after = await expectJson(await api.get(path, { token }), 200, UserSchema);
      expect(after.email).toBe(user.email);
    });

    it('returns 403 for another user, and changes nothing', async () => {
      const { token } = await signUp();
      const other = await signUp();
      const path = `/api/v1/users/${other.user.id}`;
      const response = await api.send(method, path, { json: { full_name: 'Hijacked' }, token });
      await expectProblem(response, 403);
      const after = await expectJson(await api.get(path, { token }), 200, PublicUserSchema);
      expect(after.full_name).toBe(other.user.full_name);
    });

    it('accepts a trailing slash', async () => {
      const { user, token } = await signUp();
      const path = `/api/v1/users/${user.id}/`;
      const response = await api.send(method, path, { json: { full_name: 'Slash' }, token });
      const updated = await expectJson(response, 200, UserSchema);
      expect(updated.full_name).toBe('Slash');
    });
  });
}
