import { verify } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { TokenSchema } from '../../../src/routes/auth/auth.schemas.ts';
import { UserSchema } from '../../../src/routes/users/users.schemas.ts';
import { expectJson } from '../../helpers/api.ts';
import { login, newUserBody, signUp } from '../../helpers/factories.ts';
import { api, appClient } from '../../helpers/http.ts';
import { decodeTokenPart, nowSeconds, testSecret } from '../../helpers/tokens.ts';

const TOKEN_PATH = '/api/v1/auth/token';

async function expectToken(response: Response) {
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  const body = await response.json<Record<string, unknown>>();
  expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
  return TokenSchema.parse(body);
}

async function me(token: string) {
  return expectJson(await api.get('/api/v1/users/me', { token }), 200, UserSchema);
}

describe('POST /api/v1/auth/token', () => {
  it('issues a bearer token for the OAuth2 password form', async () => {
    const { user, password } = await signUp();
    const token = await expectToken(await login(user.username, password));
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
    expect((await me(token.access_token)).id).toBe(user.id);
  });

  it('issues a bearer token for the same fields sent as JSON', async () => {
    const { user, password } = await signUp();
    const json = { username: user.username, password };
    const token = await expectToken(await api.post(TOKEN_PATH, { json }));
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
    expect((await me(token.access_token)).id).toBe(user.id);
  });

  it('accepts grant_type=password and a trailing slash', async () => {
    const { user, password } = await signUp();
    const response = await api.post(`${TOKEN_PATH}/`, {
      form: { grant_type: 'password', username: user.username, password },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    });
    await expectToken(response);
  });

  it('issues an HS256 JWT whose sub is the user id and which expires 1800 s after iat', async () => {
    const { user, password } = await signUp();
    const before = nowSeconds();
    const { access_token } = await expectToken(await login(user.username, password));
    const after = nowSeconds();
    expect(access_token.split('.')).toHaveLength(3);
    expect(decodeTokenPart(access_token, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeTokenPart(access_token, 1);
    expect(payload.sub).toBe(String(user.id));
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.iat).toBeLessThanOrEqual(after);
    expect(payload.exp).toBe(Number(payload.iat) + 1800);
    await expect(verify(access_token, testSecret(), 'HS256')).resolves.toMatchObject({
      sub: String(user.id),
    });
  });

  it('takes the lifetime from ACCESS_TOKEN_TTL_SECONDS', async () => {
    const { user, password } = await signUp();
    const app = appClient(createApp(), { ACCESS_TOKEN_TTL_SECONDS: '600' });
    const response = await app.post(TOKEN_PATH, { form: { username: user.username, password } });
    const token = await expectToken(response);
    expect(token.expires_in).toBe(600);
    const payload = decodeTokenPart(token.access_token, 1);
    expect(payload.exp).toBe(Number(payload.iat) + 600);
  });

  it('sets last_login at login and moves it forward on a later login', async () => {
    const body = newUserBody();
    const created = await api.post('/api/v1/users', { json: body });
    expect((await expectJson(created, 201, UserSchema)).last_login).toBeNull();

    const first = await expectToken(await login(body.username, body.password));
    const firstLogin = (await me(first.access_token)).last_login;
    expect(firstLogin).not.toBeNull();
    const json = { username: body.username, password: body.password };
    const second = await expectToken(await api.post(TOKEN_PATH, { json }));
    const secondLogin = (await me(second.access_token)).last_login;
    expect(Date.parse(secondLogin ?? '')).toBeGreaterThan(Date.parse(firstLogin ?? ''));
  });
});
