/**
 * What the app writes to its logs: a request id on every line, and never a password, hash,
 * token, connection string or SQL parameter. The app runs in this isolate, so console is ours.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { fetchApp, unique } from '../helpers/http.ts';

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

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('logs', () => {
  it('carry a request id on every line and no secrets, across success, conflict and outage', async () => {
    const app = createApp();
    const username = unique('logged_');
    const password = `pw-${unique('')}`;
    const email = `${username}@example.com`;
    const signUp = await fetchApp(
      app,
      '/api/v1/users',
      json('POST', { username, email, password }),
    );
    expect(signUp.status, await signUp.clone().text()).toBe(201);
    const again = await fetchApp(app, '/api/v1/users', json('POST', { username, email, password }));
    expect(again.status).toBe(409);
    const login = await fetchApp(app, '/api/v1/auth/token', json('POST', { username, password }));
    const { access_token: token } = await login.json<{ access_token: string }>();
    const auth = { Authorization: `Bearer ${token}` };
    expect((await fetchApp(app, '/api/v1/users/me', { headers: auth })).status).toBe(200);
    const secretUrl = 'postgresql://postgres:Sup3rSecretPw@127.0.0.1:1/postgres';
    const down = await fetchApp(
      app,
      '/api/v1/users/me',
      { headers: auth },
      { DATABASE_URL: secretUrl },
    );
    expect(down.status).toBe(503);

    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      const entry = JSON.parse(line) as { request_id?: unknown };
      expect(typeof entry.request_id, line).toBe('string');
      for (const secret of [password, token, 'pbkdf2_sha256$', 'Sup3rSecretPw', 'postgresql://']) {
        expect(line.includes(secret), `log line leaks ${secret}: ${line}`).toBe(false);
      }
      expect(line, 'log line carries SQL').not.toMatch(/\b(insert into|select .* from|params:)/i);
    }
  });
});
