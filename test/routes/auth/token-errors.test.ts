import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '../../../src/lib/openapi.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { login, signUp } from '../../helpers/factories.ts';
import { request, unique } from '../../helpers/http.ts';
import { loginJson, send } from '../../helpers/security.ts';

const TOKEN_PATH = '/api/v1/auth/token';

function postForm(fields: Record<string, string>, contentType?: string): Promise<Response> {
  return request(TOKEN_PATH, {
    method: 'POST',
    headers: { 'Content-Type': contentType ?? 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

async function expectBadCredentials(response: Response): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(401);
  expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(ProblemSchema.parse(JSON.parse(text))).toMatchObject({ status: 401 });
  return text;
}

async function expectProblem(response: Response, status: number) {
  expect(response.status, await response.clone().text()).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return ProblemSchema.parse(await response.json());
}

async function lastLogin(token: string): Promise<string | null> {
  const response = await request('/api/v1/users/me', {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return UserSchema.parse(await response.json()).last_login;
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
    const wrongPassword = await expectBadCredentials(await loginJson(user.username, 'wrong-pass'));
    const unknownUser = await expectBadCredentials(
      await loginJson(unique('nobody_'), 'wrong-pass'),
    );
    expect(unknownUser).toBe(wrongPassword);
  });

  it('does not echo the submitted username or password in the 401', async () => {
    const username = unique('nobody_');
    const text = await expectBadCredentials(await login(username, 'guess-password-123'));
    expect(text).not.toContain(username);
    expect(text).not.toContain('guess-password-123');
  });

  it('returns 422 naming each missing field', async () => {
    const cases: [Promise<Response>, string[]][] = [
      [postForm({}), ['body.username', 'body.password']],
      [postForm({ username: 'someone' }), ['body.password']],
      [postForm({ password: 'some-password' }), ['body.username']],
      [send('POST', TOKEN_PATH, {}), ['body.username', 'body.password']],
      [send('POST', TOKEN_PATH, { username: 'someone' }), ['body.password']],
      [
        send('POST', TOKEN_PATH, { username: '', password: '' }),
        ['body.username', 'body.password'],
      ],
    ];
    for (const [pending, paths] of cases) {
      const problem = await expectProblem(await pending, 422);
      expect(new Set(problem.errors?.map((error) => error.path))).toEqual(new Set(paths));
    }
  });

  it('returns 422 for a grant_type other than password', async () => {
    const { user, password } = await signUp();
    const response = await postForm({
      grant_type: 'client_credentials',
      username: user.username,
      password,
    });
    const problem = await expectProblem(response, 422);
    expect(problem.errors?.map((error) => error.path)).toEqual(['body.grant_type']);
  });

  it('returns 403 for a deactivated user with the right password, and 401 with a wrong one', async () => {
    const { user, password, auth } = await signUp();
    const deactivated = await send('PATCH', `/api/v1/users/${user.id}`, { is_active: false }, auth);
    expect(deactivated.status, await deactivated.clone().text()).toBe(200);

    await expectProblem(await login(user.username, password), 403);
    await expectProblem(await loginJson(user.username, password), 403);
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
    const response = await request(TOKEN_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: `username=${user.username}&password=${password}`,
    });
    await expectProblem(response, 415);
  });

  it('returns 400 for malformed JSON', async () => {
    const response = await request(TOKEN_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"username": "a", "password":',
    });
    await expectProblem(response, 400);
  });

  it('reads a JSON body as JSON whatever its media type parameters say', async () => {
    const { user, password } = await signUp();
    const response = await request(TOKEN_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=x-www-form-urlencoded' },
      body: JSON.stringify({ username: user.username, password }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  });
});
