/**
 * The 429 path, through small limiters a test hands to an app of its own (the limits as deployed
 * are tested through `wrangler dev`, in tools/rate-limits.test.ts). Keys are unique per test.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../helpers/api.ts';
import { newUserBody, signUp } from '../helpers/factories.ts';
import { appClient } from '../helpers/http.ts';
import { userIdsWithEmail } from '../helpers/rows.ts';

const limited = (bindings: Record<string, unknown> = {}) =>
  appClient(createApp(), {
    LOGIN_LIMITER: env.SMALL_LOGIN_LIMITER,
    SIGNUP_LIMITER: env.SMALL_SIGNUP_LIMITER,
    ...bindings,
  });

async function expectTooMany(response: Response) {
  await expectProblem(response, 429);
  expect(response.headers.get('Retry-After')).toMatch(/^\d+$/);
}

describe('login attempts', () => {
  it('are limited per login name in any case; past the limit even the right password is 429', async () => {
    const user = await signUp({ username: `Limit_${crypto.randomUUID().slice(0, 8)}` });
    const other = await signUp();
    const app = limited();
    const name = user.user.username;
    for (const variant of [name, name.toLowerCase(), name.toUpperCase()]) {
      const wrong = await app.post('/api/v1/auth/token', {
        form: { username: variant, password: 'wrong password' },
      });
      await expectProblem(wrong, 401);
    }
    await expectTooMany(
      await app.post('/api/v1/auth/token', { form: { username: name, password: 'nope' } }),
    );
    const right = { username: name.toUpperCase(), password: user.password };
    await expectTooMany(await app.post('/api/v1/auth/token', { json: right }));
    const bystander = { username: other.user.username, password: other.password };
    expect((await app.post('/api/v1/auth/token', { form: bystander })).status).toBe(200);
  });

  it('are refused before any database work: 429, not 503, with the database down', async () => {
    const name = `nobody_${crypto.randomUUID().slice(0, 8)}`;
    const app = limited();
    for (let i = 0; i < 3; i++) {
      await app.post('/api/v1/auth/token', { form: { username: name, password: 'x' } });
    }
    const down = limited({ DATABASE_URL: 'postgresql://postgres:x@127.0.0.1:1/postgres' });
    await expectTooMany(
      await down.post('/api/v1/auth/token', { form: { username: name, password: 'x' } }),
    );
  });

  it('count password-change attempts per account too', async () => {
    const user = await signUp();
    const app = limited();
    const json = { current_password: 'not it', new_password: 'whatever new 123' };
    for (let i = 0; i < 3; i++) {
      await expectProblem(
        await app.put('/api/v1/users/me/password', { json, token: user.token }),
        403,
      );
    }
    await expectTooMany(await app.put('/api/v1/users/me/password', { json, token: user.token }));
  });
});

describe('sign-ups', () => {
  it('are limited per CF-Connecting-IP, which X-Forwarded-For cannot change', async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 250)}:${crypto.randomUUID()}`;
    const app = limited();
    const from = (ip: string, extra: Record<string, string> = {}) => ({
      'CF-Connecting-IP': ip,
      ...extra,
    });
    for (let i = 0; i < 2; i++) {
      const ok = await app.post('/api/v1/users', { json: newUserBody(), headers: from(address) });
      await expectJson(ok, 201, UserSchema);
    }
    const body = newUserBody();
    const spoofed = from(address, { 'X-Forwarded-For': '203.0.113.9' });
    await expectTooMany(await app.post('/api/v1/users', { json: body, headers: spoofed }));
    expect(await userIdsWithEmail(body.email)).toEqual([]);
    const elsewhere = await app.post('/api/v1/users', {
      json: body,
      headers: from(`${address}-b`),
    });
    await expectJson(elsewhere, 201, UserSchema);
  });
});
