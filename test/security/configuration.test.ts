import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { TokenSchema } from '../../src/routes/auth/auth.schemas.ts';
import { expectJson, expectNoSecrets, expectProblem, expectUnauthorized } from '../helpers/api.ts';
import { newUserBody, signUp } from '../helpers/factories.ts';
import { appClient, type RequestOptions } from '../helpers/http.ts';
import { claims, signToken } from '../helpers/tokens.ts';

const SHORT_SECRET = 'short-secret-of-31-bytes-length';
const TOKEN_PATH = '/api/v1/auth/token';

async function expectConfigurationError(response: Response, secret?: string): Promise<void> {
  const text = await response.clone().text();
  await expectProblem(response, 500);
  expect(response.headers.get('X-Request-Id')).toMatch(/.+/);
  // No secret, no variable name to probe for, no stack frame.
  expect(text).not.toMatch(/JWT_SECRET|\bat .+:\d+:\d+|\.ts\b/);
  if (secret) expectNoSecrets(text, secret);
}

describe('JWT_SECRET', () => {
  it('is at least 32 bytes in the test configuration', () => {
    expect(new TextEncoder().encode(env.JWT_SECRET ?? '').length).toBeGreaterThanOrEqual(32);
    expect(new TextEncoder().encode(SHORT_SECRET).length).toBe(31);
  });

  it('when shorter than 32 bytes, makes every API request a 500 that does not reveal it', async () => {
    const { user, password } = await signUp();
    const bindings = { JWT_SECRET: SHORT_SECRET };
    const token = await signToken(claims(user.id), { secret: SHORT_SECRET });
    const calls: [string, string, RequestOptions][] = [
      ['POST', TOKEN_PATH, { form: { username: user.username, password } }],
      ['GET', '/api/v1/users/me', { token }],
      ['GET', '/api/v1/items?limit=1', {}],
      ['POST', '/api/v1/users', { json: newUserBody() }],
    ];
    for (const [method, path, options] of calls) {
      const response = await appClient(createApp(), bindings).send(method, path, options);
      await expectConfigurationError(response, SHORT_SECRET);
    }
  });

  it('when missing, makes every API request a 500 instead of falling back to a default', async () => {
    const { user, password } = await signUp();
    // undefined removes the binding: the app sees no JWT_SECRET at all.
    const withoutSecret = () => appClient(createApp(), { JWT_SECRET: undefined });
    const form = { username: user.username, password };
    await expectConfigurationError(await withoutSecret().post(TOKEN_PATH, { form }));
    await expectConfigurationError(await withoutSecret().get('/api/v1/items?limit=1'));
    await expectConfigurationError(await withoutSecret().get('/api/v1/users/me'));
  });

  it('when empty, is treated as missing', async () => {
    const response = await appClient(createApp(), { JWT_SECRET: '' }).get('/api/v1/items?limit=1');
    await expectConfigurationError(response);
  });

  it('counts bytes, not characters: 16 two-byte characters are enough', async () => {
    const secret = 'é'.repeat(16);
    const response = await appClient(createApp(), { JWT_SECRET: secret }).get(
      '/api/v1/items?limit=1',
    );
    expect(response.status, await response.clone().text()).toBe(200);
  });

  it('signs tokens that an app with another secret refuses', async () => {
    const { user, password } = await signUp();
    const otherSecret = { JWT_SECRET: 'another-secret-that-is-at-least-32-bytes' };
    const form = { username: user.username, password };
    const issued = await appClient(createApp(), otherSecret).post(TOKEN_PATH, { form });
    const { access_token: token } = await expectJson(issued, 200, TokenSchema);

    const elsewhere = await appClient(createApp()).get('/api/v1/users/me', { token });
    await expectUnauthorized(elsewhere);
    const same = await appClient(createApp(), otherSecret).get('/api/v1/users/me', { token });
    expect(same.status, await same.clone().text()).toBe(200);
  });
});
