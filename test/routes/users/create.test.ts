import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../../helpers/api.ts';
import { login, newUserBody, signUp } from '../../helpers/factories.ts';
import { api, unique } from '../../helpers/http.ts';
import { storedPasswordHash, userIdsNamed, userIdsWithEmail } from '../../helpers/rows.ts';

describe('POST /api/v1/users', () => {
  it('returns 201 with the new user, a Location, and no password', async () => {
    const body = newUserBody({ full_name: 'Ada Lovelace' });
    const response = await api.post('/api/v1/users', { json: body });
    const user = await expectJson(response, 201, UserSchema);
    expect(user).toMatchObject({
      username: body.username,
      email: body.email,
      full_name: 'Ada Lovelace',
      is_active: true,
      last_login: null,
      items: [],
    });
    expect(response.headers.get('Location')).toBe(`/api/v1/users/${user.id}`);
    expect(await userIdsNamed(body.username)).toEqual([user.id]);
  });

  it('stores a PBKDF2 hash of the password, never the password itself', async () => {
    const { user, password } = await signUp();
    const hash = await storedPasswordHash(user.id);
    expect(hash).toMatch(/^pbkdf2_sha256\$100000\$[^$]+\$[^$]+$/);
    expect(hash).not.toContain(password);
  });

  it('accepts a missing or null full_name', async () => {
    const { full_name: _, ...withoutName } = newUserBody();
    const missing = await expectJson(
      await api.post('/api/v1/users', { json: withoutName }),
      201,
      UserSchema,
    );
    expect(missing.full_name).toBeNull();
    const nulled = newUserBody({ full_name: null });
    const created = await expectJson(
      await api.post('/api/v1/users', { json: nulled }),
      201,
      UserSchema,
    );
    expect(created.full_name).toBeNull();
  });

  it('accepts a trailing slash', async () => {
    const body = newUserBody();
    const user = await expectJson(
      await api.post('/api/v1/users/', { json: body }),
      201,
      UserSchema,
    );
    expect(user.username).toBe(body.username);
  });

  it('ignores unknown fields and never lets a body set id, is_active or hashed_password', async () => {
    const body = newUserBody({
      id: 2_147_483_647,
      is_active: false,
      hashed_password: 'pbkdf2_sha256$1$AAAA$AAAA',
      role: 'admin',
    });
    const user = await expectJson(await api.post('/api/v1/users', { json: body }), 201, UserSchema);
    expect(user.id).not.toBe(2_147_483_647);
    expect(user.is_active).toBe(true);
    expect(user).not.toHaveProperty('role');
    expect(await storedPasswordHash(user.id)).toMatch(/^pbkdf2_sha256\$100000\$/);
    const loggedIn = await login(body.username, body.password);
    expect(loggedIn.status, await loggedIn.clone().text()).toBe(200);
  });

  it('returns 409 when the email is taken, even in another case, and writes nothing', async () => {
    const local = unique('Mixed_');
    await signUp({ email: `${local}@Example.COM` });
    const second = newUserBody({ email: `${local.toLowerCase()}@example.com` });
    const problem = await expectProblem(await api.post('/api/v1/users', { json: second }), 409);
    expect(problem.detail).toMatch(/email/i);
    expect(await userIdsNamed(second.username)).toEqual([]);
  });

  it('returns 409 when the username is taken and writes nothing', async () => {
    const { user } = await signUp();
    const second = newUserBody({ username: user.username });
    const problem = await expectProblem(await api.post('/api/v1/users', { json: second }), 409);
    expect(problem.detail).toMatch(/username/i);
    expect(await userIdsWithEmail(second.email)).toEqual([]);
  });

  it('returns 422 and writes nothing when one field is invalid', async () => {
    const body = newUserBody({ password: 'short' });
    await expectProblem(await api.post('/api/v1/users', { json: body }), 422);
    expect(await userIdsNamed(body.username)).toEqual([]);
    expect(await userIdsWithEmail(body.email)).toEqual([]);
  });

  it('lets exactly one of 20 concurrent sign-ups with one username win; the rest get 409', async () => {
    const username = unique('race_');
    const bodies = Array.from({ length: 20 }, (_, i) =>
      newUserBody({ username, email: `${username}.${i}@example.com` }),
    );
    const responses = await Promise.all(
      bodies.map((body) => api.post('/api/v1/users', { json: body })),
    );
    const statuses = responses.map((response) => response.status).sort((a, b) => a - b);
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    const [winner, ...losers] = [...responses].sort((a, b) => a.status - b.status);
    const user = await expectJson(winner as Response, 201, UserSchema);
    for (const response of losers) await expectProblem(response, 409);
    expect(await userIdsNamed(username)).toEqual([user.id]);
  });

  it('lets exactly one of concurrent sign-ups with one email (in different cases) win', async () => {
    const local = unique('race_');
    const bodies = Array.from({ length: 10 }, (_, i) =>
      newUserBody({ email: `${i % 2 ? local.toUpperCase() : local}@example.com` }),
    );
    const responses = await Promise.all(
      bodies.map((body) => api.post('/api/v1/users', { json: body })),
    );
    const statuses = responses.map((response) => response.status).sort((a, b) => a - b);
    expect(statuses).toEqual([201, ...Array<number>(9).fill(409)]);
    expect(await userIdsWithEmail(`${local}@example.com`)).toHaveLength(1);
  });

  it('creates a user that can log in and read itself', async () => {
    const { user, token } = await signUp();
    const me = await expectJson(await api.get('/api/v1/users/me', { token }), 200, UserSchema);
    expect(me.id).toBe(user.id);
    expect(me.last_login).not.toBeNull();
  });
});
