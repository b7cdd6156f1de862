import { count, lt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.ts';
import { TokenSchema } from '../../src/routes/auth/auth.schemas.ts';
import { UserSchema, VisibleUserSchema } from '../../src/routes/users/users.schemas.ts';
import { testDatabase } from '../helpers/db.ts';
import { createItem, login, newUserBody, type SignedUpUser } from '../helpers/factories.ts';
import { postJson, request } from '../helpers/http.ts';
import { expectNoPasswordLeak, loginJson, send, uniquePassword } from '../helpers/security.ts';
import { bearer, decodeTokenPart } from '../helpers/tokens.ts';

/** Signs up with a password no other test uses and checks both responses on the way. */
async function signUpWithUniquePassword(): Promise<SignedUpUser> {
  const password = uniquePassword();
  const body = newUserBody({ password });
  const created = await postJson('/api/v1/users', body);
  expect(created.status, await created.clone().text()).toBe(201);
  await expectNoPasswordLeak(created, password);
  const user = UserSchema.parse(await created.json());

  const loggedIn = await login(body.username, password);
  expect(loggedIn.status, await loggedIn.clone().text()).toBe(200);
  await expectNoPasswordLeak(loggedIn, password);
  const { access_token: token } = TokenSchema.parse(await loggedIn.json());
  const claims = JSON.stringify(decodeTokenPart(token, 1));
  expect(claims).not.toContain(password);
  expect(claims).not.toContain('pbkdf2');
  return { user, password, token, auth: bearer(token) };
}

/** How many users sort before this id, so a page can be aimed at it despite other tests' rows. */
async function usersBefore(id: number): Promise<number> {
  const [row] = await testDatabase().select({ n: count() }).from(users).where(lt(users.id, id));
  return row?.n ?? 0;
}

describe('password hashes and passwords never leave the API', () => {
  it('in sign-up, login, reads and lists', async () => {
    const owner = await signUpWithUniquePassword();
    await createItem(owner);
    const { password, auth } = owner;

    const json = await loginJson(owner.user.username, password);
    expect(json.status, await json.clone().text()).toBe(200);
    await expectNoPasswordLeak(json, password);

    for (const path of ['/api/v1/users/me', `/api/v1/users/${owner.user.id}`]) {
      const response = await request(path, { headers: auth });
      expect(response.status, await response.clone().text()).toBe(200);
      await expectNoPasswordLeak(response, password);
    }

    const skip = Math.max(0, (await usersBefore(owner.user.id)) - 20);
    const list = await request(`/api/v1/users?skip=${skip}&limit=100`, { headers: auth });
    expect(list.status, await list.clone().text()).toBe(200);
    const text = await expectNoPasswordLeak(list, password);
    const page = VisibleUserSchema.array().parse(JSON.parse(text));
    expect(page.map((user) => user.id)).toContain(owner.user.id);
  });

  it('in updates, including a password change', async () => {
    const owner = await signUpWithUniquePassword();
    const path = `/api/v1/users/${owner.user.id}`;
    const renamed = await send('PATCH', path, { full_name: 'Renamed' }, owner.auth);
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    await expectNoPasswordLeak(renamed, owner.password);

    const newPassword = uniquePassword();
    const changed = await send(
      'PUT',
      '/api/v1/users/me/password',
      { current_password: owner.password, new_password: newPassword },
      owner.auth,
    );
    expect(changed.status, await changed.clone().text()).toBe(200);
    await expectNoPasswordLeak(changed, owner.password);
    await expectNoPasswordLeak(changed, newPassword);
    const { access_token } = (await changed.json()) as { access_token: string };
    const fresh = { Authorization: `Bearer ${access_token}` };
    for (const method of ['PATCH', 'PUT'] as const) {
      const password = uniquePassword();
      const refused = await send(method, path, { password }, fresh);
      expect(refused.status, await refused.clone().text()).toBe(422);
      await expectNoPasswordLeak(refused, password);
    }
    const loggedIn = await login(owner.user.username, newPassword);
    expect(loggedIn.status, await loggedIn.clone().text()).toBe(200);
    await expectNoPasswordLeak(loggedIn, newPassword);
  });

  it('in the deleted user returned by DELETE and in what follows', async () => {
    const owner = await signUpWithUniquePassword();
    await createItem(owner);
    const deleted = await send('DELETE', `/api/v1/users/${owner.user.id}`, undefined, owner.auth);
    expect(deleted.status, await deleted.clone().text()).toBe(200);
    await expectNoPasswordLeak(deleted, owner.password);
    await expectNoPasswordLeak(
      await request('/api/v1/users/me', { headers: owner.auth }),
      owner.password,
    );
    await expectNoPasswordLeak(await login(owner.user.username, owner.password), owner.password);
  });

  it('in error responses that had the password in the request', async () => {
    const owner = await signUpWithUniquePassword();
    const { password } = owner;
    const responses = [
      // Taken username and email: 409.
      await postJson('/api/v1/users', newUserBody({ username: owner.user.username, password })),
      // Invalid sign-up fields next to the password: 422.
      await postJson('/api/v1/users', newUserBody({ email: 'not an email', password })),
      // Wrong password and unknown user: 401.
      await login(owner.user.username, `${password}-wrong`),
      await login(`${owner.user.username}-nobody`, password),
      // Login with an invalid extra field: 422.
      await send('POST', '/api/v1/auth/token', {
        username: owner.user.username,
        password,
        grant_type: 'implicit',
      }),
    ];
    for (const response of responses) {
      expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
      await expectNoPasswordLeak(response, password);
    }
  });

  it('in a rejected password, which is not echoed back', async () => {
    const base = uniquePassword();
    const tooLong = uniquePassword().padEnd(129, 'x');
    // JSON would escape the NUL, so look for the part before it.
    for (const [sent, telltale] of [
      [`${base}\u0000`, base],
      [tooLong, tooLong],
    ] as const) {
      const response = await postJson('/api/v1/users', newUserBody({ password: sent }));
      expect(response.status, await response.clone().text()).toBe(422);
      await expectNoPasswordLeak(response, telltale);
    }
  });
});
