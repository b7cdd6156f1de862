import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import {
  expectInvalid,
  expectJson,
  expectNoSecrets,
  expectProblem,
  expectUnauthorized,
} from '../../helpers/api.ts';
import { login, signUp } from '../../helpers/factories.ts';
import { api, unique } from '../../helpers/http.ts';

const TOKEN_PATH = '/api/v1/auth/token';

/** A 401 with the bare Bearer challenge; returns the body, so two refusals can be compared. */
async function expectBadCredentials(response: Response): Promise<string> {
  const text = await response.clone().text();
  await expectUnauthorized(response);
  expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  return text;
}

async function lastLogin(token: string): Promise<string | null> {
  const response = await api.get('/api/v1/users/me', { token });
  return (await expectJson(response, 200, UserSchema)).last_login;
}

describe('POST /api/v1/auth/token', () => {
  it('returns 401 with the same body for unknown user and wrong password', async () => {
    const { user, password } = await signUp();
    const wrongPassword = await expectBadCredentials(await login(user.username, `${password}x`));
    const unknownUser = await expectBadCredentials(await login(unique('nobody_'), password));
    expect(unknownUser).toBe(wrongPassword);
  });

  it('returns 401 with the same body for unknown user and wrong password sent as JSON', async () => {
    const { user } = await signUp();
    const wrongPassword = await expectBadCredentials(
      await api.post(TOKEN_PATH, { json: { username: user.username, password: 'wrong-pass' } }),
    );
    const unknownUser = await expectBadCredentials(
      await api.post(TOKEN_PATH, { json: { username: unique('nobody_'), password: 'wrong-pass' } }),
    );
    expect(unknownUser).toBe(wrongPassword);
  });

  it('does not echo the submitted username or password in the 401', async () => {
    const username = unique('nobody_');
    const text = await expectBadCredentials(await login(username, 'guess-password-123'));
    expectNoSecrets(text, username, 'guess-password-123');
  });

  it('returns 422 naming each missing field', async () => {
    const cases: [Promise<Response>, string[]][] = [
      [api.post(TOKEN_PATH, { form: {} }), ['body.username', 'body.password']],
      [api.post(TOKEN_PATH, { form: { username: 'someone' } }), ['body.password']],
      [api.post(TOKEN_PATH, { form: { password: 'some-password' } }), ['body.username']],
      [api.post(TOKEN_PATH, { json: {} }), ['body.username', 'body.password']],
      [api.post(TOKEN_PATH, { json: { username: 'someone' } }), ['body.password']],
      [
        api.post(TOKEN_PATH, { json: { username: '', password: '' } }),
        ['body.username', 'body.password'],
      ],
    ];
    for (const [pending, paths] of cases) await expectInvalid(await pending, ...paths);
  });

  it('returns 422 for a grant_type other than password', async () => {
    const { user, password } = await signUp();
    const response = await api.post(TOKEN_PATH, {
      form: { grant_type: 'client_credentials', username: user.username, password },
    });
    const problem = await expectProblem(response, 422);
    expect(problem.errors?.map((error) => error.path)).toEqual(['body.grant_type']);
  });

  it('returns 403 for a deactivated user with the right password, and 401 with a wrong one', async () => {
    const { user, password, token } = await signUp();
    const json = { is_active: false };
    const deactivated = await api.patch(`/api/v1/users/${user.id}`, { json, token });
    expect(deactivated.status, await deactivated.clone().text()).toBe(200);

    await expectProblem(await login(user.username, password), 403);
    const credentials = { username: user.username, password };
    await expectProblem(await api.post(TOKEN_PATH, { json: credentials }), 403);
    const wrong = await expectBadCredentials(await login(user.username, `${password}x`));
    const unknown = await expectBadCredentials(await login(unique('nobody_'), password));
    expect(wrong).toBe(unknown);
  });

  it('leaves last_login alone when the password is wrong', async () => {
    const { user, token } = await signUp();
    const before = await lastLogin(token);
    expect(before).not.toBeNull();
    await expectBadCredentials(await login(user.username, 'not-the-password'));
    expect(await lastLogin(token)).toBe(before);
  });

  it('returns 415 for a body that is neither a form nor JSON', async () => {
    const { user, password } = await signUp();
    const response = await api.post(TOKEN_PATH, {
      body: `username=${user.username}&password=${password}`,
      headers: { 'Content-Type': 'text/plain' },
    });
    await expectProblem(response, 415);
  });

  it('returns 400 for malformed JSON', async () => {
    const response = await api.post(TOKEN_PATH, {
      body: '{"username": "a", "password":',
      headers: { 'Content-Type': 'application/json' },
    });
    await expectProblem(response, 400);
  });

  it('reads a JSON body as JSON whatever its media type parameters say', async () => {
    const { user, password } = await signUp();
    const response = await api.post(TOKEN_PATH, {
      json: { username: user.username, password },
      headers: { 'Content-Type': 'application/json; profile=x-www-form-urlencoded' },
    });
    expect(response.status, await response.clone().text()).toBe(200);
  });
});
