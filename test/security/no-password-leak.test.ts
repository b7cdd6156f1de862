import { describe, expect, it } from 'vitest';
import { TokenSchema } from '../../src/routes/auth/auth.schemas.ts';
import { UserSchema, VisibleUserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectNoSecrets, expectProblem } from '../helpers/api.ts';
import { createItem, login, newUserBody, type SignedUpUser } from '../helpers/factories.ts';
import { api, unique } from '../helpers/http.ts';
import { decodeTokenPart } from '../helpers/tokens.ts';

const TOKEN_PATH = '/api/v1/auth/token';

/** A password no other test uses, so finding it in a body means this test's request leaked it. */
function uniquePassword(): string {
  return unique('pw-secret-');
}

/** Signs up with a password no other test uses and checks both responses on the way. */
async function signUpWithUniquePassword(): Promise<SignedUpUser> {
  const password = uniquePassword();
  const body = newUserBody({ password });
  const created = await api.post('/api/v1/users', { json: body });
  expectNoSecrets(await created.clone().text(), password);
  const user = await expectJson(created, 201, UserSchema);

  const loggedIn = await login(body.username, password);
  expectNoSecrets(await loggedIn.clone().text(), password);
  const { access_token: token } = await expectJson(loggedIn, 200, TokenSchema);
  expectNoSecrets(JSON.stringify(decodeTokenPart(token, 1)), password, 'pbkdf2');
  return { user, password, token, auth: { Authorization: `Bearer ${token}` } };
}

describe('password hashes and passwords never leave the API', () => {
  it('in sign-up, login, reads and lists', async () => {
    const owner = await signUpWithUniquePassword();
    await createItem(owner);
    const { password, token } = owner;

    const json = await api.post(TOKEN_PATH, { json: { username: owner.user.username, password } });
    expect(json.status, await json.clone().text()).toBe(200);
    expectNoSecrets(await json.text(), password);

    for (const path of ['/api/v1/users/me', `/api/v1/users/${owner.user.id}`]) {
      const response = await api.get(path, { token });
      expect(response.status, await response.clone().text()).toBe(200);
      expectNoSecrets(await response.text(), password);
    }

    const list = await api.get(`/api/v1/users?after=${owner.user.id - 1}&limit=15`, { token });
    expectNoSecrets(await list.clone().text(), password);
    const page = await expectJson(list, 200, VisibleUserSchema.array());
    expect(page.map((user) => user.id)).toContain(owner.user.id);
  });

  it('in updates, including a password change', async () => {
    const owner = await signUpWithUniquePassword();
    const path = `/api/v1/users/${owner.user.id}`;
    const { token } = owner;
    const renamed = await api.patch(path, { json: { full_name: 'Renamed' }, token });
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    expectNoSecrets(await renamed.text(), owner.password);

    const newPassword = uniquePassword();
    const changed = await api.put('/api/v1/users/me/password', {
      json: { current_password: owner.password, new_password: newPassword },
      token,
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expectNoSecrets(await changed.clone().text(), owner.password, newPassword);
    const { access_token: fresh } = await expectJson(changed, 200, TokenSchema);
    for (const method of ['PATCH', 'PUT'] as const) {
      const password = uniquePassword();
      const refused = await api.send(method, path, { json: { password }, token: fresh });
      expect(refused.status, await refused.clone().text()).toBe(422);
      expectNoSecrets(await refused.text(), password);
    }
    const loggedIn = await login(owner.user.username, newPassword);
    expect(loggedIn.status, await loggedIn.clone().text()).toBe(200);
    expectNoSecrets(await loggedIn.text(), newPassword);
  });

  it('in the deleted user returned by DELETE and in what follows', async () => {
    const owner = await signUpWithUniquePassword();
    await createItem(owner);
    const { token, password } = owner;
    const deleted = await api.delete(`/api/v1/users/${owner.user.id}`, { token });
    expect(deleted.status, await deleted.clone().text()).toBe(200);
    expectNoSecrets(await deleted.text(), password);
    expectNoSecrets(await (await api.get('/api/v1/users/me', { token })).text(), password);
    expectNoSecrets(await (await login(owner.user.username, password)).text(), password);
  });

  it('in error responses that had the password in the request', async () => {
    const owner = await signUpWithUniquePassword();
    const { password } = owner;
    const responses = [
      // Taken username and email: 409.
      await api.post('/api/v1/users', {
        json: newUserBody({ username: owner.user.username, password }),
      }),
      // Invalid sign-up fields next to the password: 422.
      await api.post('/api/v1/users', { json: newUserBody({ email: 'not an email', password }) }),
      // Wrong password and unknown user: 401.
      await login(owner.user.username, `${password}-wrong`),
      await login(`${owner.user.username}-nobody`, password),
      // Login with an invalid extra field: 422.
      await api.post(TOKEN_PATH, {
        json: { username: owner.user.username, password, grant_type: 'implicit' },
      }),
    ];
    for (const response of responses) {
      expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
      expectNoSecrets(await response.text(), password);
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
      const response = await api.post('/api/v1/users', { json: newUserBody({ password: sent }) });
      const text = await response.clone().text();
      await expectProblem(response, 422);
      expectNoSecrets(text, telltale);
    }
  });
});
