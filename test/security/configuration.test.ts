import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ProblemSchema } from '../../src/lib/openapi.ts';
import { newUserBody, signUp } from '../helpers/factories.ts';
import { BASE, fetchApp } from '../helpers/http.ts';
import { bearer, claims, signToken } from '../helpers/tokens.ts';

const SHORT_SECRET = 'short-secret-of-31-bytes-length';

/** Calls a fresh app with the test bindings minus JWT_SECRET (fetchApp can only add or replace). */
async function fetchWithoutSecret(path: string, init: RequestInit = {}): Promise<Response> {
  const { JWT_SECRET: _, ...bindings } = env;
  const ctx = createExecutionContext();
  const response = await createApp().fetch(new Request(`${BASE}${path}`, init), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function expectConfigurationError(response: Response, secret?: string): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(500);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(response.headers.get('X-Request-Id')).toMatch(/.+/);
  expect(ProblemSchema.parse(JSON.parse(text))).toMatchObject({ status: 500 });
  // No secret, no variable name to probe for, no stack frame.
  expect(text).not.toMatch(/JWT_SECRET|\bat .+:\d+:\d+|\.ts\b/);
  if (secret) expect(text).not.toContain(secret);
}

function tokenRequest(username: string, password: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  };
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
    const calls: [string, RequestInit][] = [
      ['/api/v1/auth/token', tokenRequest(user.username, password)],
      ['/api/v1/users/me', { headers: bearer(token) }],
      ['/api/v1/items?limit=1', {}],
      [
        '/api/v1/users',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(newUserBody()),
        },
      ],
    ];
    for (const [path, init] of calls) {
      await expectConfigurationError(
        await fetchApp(createApp(), path, init, bindings),
        SHORT_SECRET,
      );
    }
  });

  it('when missing, makes every API request a 500 instead of falling back to a default', async () => {
    const { user, password } = await signUp();
    await expectConfigurationError(
      await fetchWithoutSecret('/api/v1/auth/token', tokenRequest(user.username, password)),
    );
    await expectConfigurationError(await fetchWithoutSecret('/api/v1/items?limit=1'));
    await expectConfigurationError(await fetchWithoutSecret('/api/v1/users/me'));
  });

  it('when empty, is treated as missing', async () => {
    const response = await fetchApp(createApp(), '/api/v1/items?limit=1', {}, { JWT_SECRET: '' });
    await expectConfigurationError(response);
  });

  it('counts bytes, not characters: 16 two-byte characters are enough', async () => {
    const secret = 'é'.repeat(16);
    const response = await fetchApp(
      createApp(),
      '/api/v1/items?limit=1',
      {},
      { JWT_SECRET: secret },
    );
    expect(response.status, await response.clone().text()).toBe(200);
  });

  it('signs tokens that an app with another secret refuses', async () => {
    const { user, password } = await signUp();
    const otherSecret = { JWT_SECRET: 'another-secret-that-is-at-least-32-bytes' };
    const issued = await fetchApp(
      createApp(),
      '/api/v1/auth/token',
      tokenRequest(user.username, password),
      otherSecret,
    );
    expect(issued.status, await issued.clone().text()).toBe(200);
    const { access_token } = await issued.json<{ access_token: string }>();

    const elsewhere = await fetchApp(createApp(), '/api/v1/users/me', {
      headers: bearer(access_token),
    });
    expect(elsewhere.status, await elsewhere.clone().text()).toBe(401);
    const same = await fetchApp(
      createApp(),
      '/api/v1/users/me',
      { headers: bearer(access_token) },
      otherSecret,
    );
    expect(same.status, await same.clone().text()).toBe(200);
  });
});
