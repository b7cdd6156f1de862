/**
 * What the app writes to its logs: a request id on every line, and never a password, hash,
 * token, connection string or SQL parameter. The app runs in this isolate, so console is ours.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { TokenSchema } from '../../src/routes/auth/auth.schemas.ts';
import { expectJson, expectNoSecrets, expectProblem } from '../helpers/api.ts';
import { appClient, unique } from '../helpers/http.ts';

const lines: string[] = [];
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

beforeEach(() => {
  lines.length = 0;
  for (const method of METHODS) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

describe('logs', () => {
  it('carry a request id on every line and no secrets, across success, conflict and outage', async () => {
    const app = createApp();
    const client = appClient(app);
    const username = unique('logged_');
    const password = `pw-${unique('')}`;
    const email = `${username}@example.com`;
    const signUp = await client.post('/api/v1/users', { json: { username, email, password } });
    expect(signUp.status, await signUp.clone().text()).toBe(201);
    const again = await client.post('/api/v1/users', { json: { username, email, password } });
    await expectProblem(again, 409);
    const login = await client.post('/api/v1/auth/token', { json: { username, password } });
    const { access_token: token } = await expectJson(login, 200, TokenSchema);
    expect((await client.get('/api/v1/users/me', { token })).status).toBe(200);
    const secretUrl = 'postgresql://postgres:Sup3rSecretPw@127.0.0.1:1/postgres';
    const outage = appClient(app, { DATABASE_URL: secretUrl });
    await expectProblem(await outage.get('/api/v1/users/me', { token }), 503);

    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      const entry = JSON.parse(line) as { request_id?: unknown };
      expect(typeof entry.request_id, line).toBe('string');
      expectNoSecrets(line, password, token, 'Sup3rSecretPw', 'postgresql://');
      expect(line, 'log line carries SQL').not.toMatch(/\b(insert into|select .* from|params:)/i);
    }
  });
});
