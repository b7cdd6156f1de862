/** The benchmarked requests, one per endpoint, each using data prepared for it beforehand. */
import type { Send } from './measure.ts';

export interface Scenario {
  name: string;
  expected: number;
  send: Send;
  /** Makes what `count` requests will use up (fresh accounts), before they are measured. */
  prepare?: (count: number) => Promise<void>;
  /** False for requests that use up what they need: measured one at a time, not under load. */
  load?: boolean;
}

export interface Fixture {
  userId: number;
  auth: Record<string, string>;
  username: string;
  password: string;
  itemId: number;
  /** Items that exist only to be deleted, one per delete request. */
  doomedItemIds: number[];
}

const PASSWORD = 'bench-password-123';
const json = { 'Content-Type': 'application/json' };

export async function prepare(base: string, runId: string, deletes: number): Promise<Fixture> {
  const username = `bench_${runId}`;
  const body = { username, email: `${username}@example.com`, password: PASSWORD };
  const created = await call(base, '/api/v1/users', 'POST', body, {}, 201);
  const token = await call(
    base,
    '/api/v1/auth/token',
    'POST',
    { username, password: PASSWORD },
    {},
    200,
  );
  const auth = { Authorization: `Bearer ${token.access_token}` };
  const newItem = (title: string) =>
    call(base, `/api/v1/users/${created.id}/items`, 'POST', { title, price: 9.99 }, auth, 201);
  const item = await newItem('kept');
  const doomed: number[] = [];
  const batch = 10;
  for (let i = 0; i < deletes; i += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, deletes - i) }, (_, j) => newItem(`doomed ${i + j}`)),
    );
    doomed.push(...made.map((m) => Number(m.id)));
  }
  return {
    userId: created.id,
    auth,
    username,
    password: PASSWORD,
    itemId: item.id,
    doomedItemIds: doomed,
  };
}

export function scenarios(base: string, runId: string, f: Fixture): Scenario[] {
  const authJson = { ...f.auth, ...json };
  const go = (path: string, init: RequestInit = {}) => fetch(`${base}/api/v1${path}`, init);
  // scenarios() runs once per Worker: keys of its own for each call.
  const keys = `${runId}${crypto.randomUUID().slice(0, 6)}`;
  const newAccount = (username: string) => ({
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
  });
  const replayedItem = () =>
    go(`/users/${f.userId}/items`, {
      method: 'POST',
      headers: { ...authJson, 'Idempotency-Key': `${keys}-item` },
      body: JSON.stringify({ title: 'replayed', price: 1.5 }),
    });
  const replayedSignUp = () =>
    go('/users', {
      method: 'POST',
      headers: { ...json, 'Idempotency-Key': `${keys}-user` },
      body: JSON.stringify(newAccount(`r${keys}`)),
    });
  const logouts = sessions(base, runId);
  const passwords = sessions(base, runId);
  return [
    {
      name: 'POST /users (sign-up)',
      expected: 201,
      send: (i) =>
        go('/users', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({
            username: `b${runId}_${i}`,
            email: `b${runId}_${i}@example.com`,
            password: PASSWORD,
          }),
        }),
    },
    {
      name: 'POST /auth/token (login)',
      expected: 200,
      send: () =>
        go('/auth/token', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ username: f.username, password: f.password }),
        }),
    },
    { name: 'GET /users/me', expected: 200, send: () => go('/users/me', { headers: f.auth }) },
    {
      name: 'GET /users?limit=10',
      expected: 200,
      send: () => go('/users?limit=10', { headers: f.auth }),
    },
    {
      name: 'GET /users/{id}',
      expected: 200,
      send: () => go(`/users/${f.userId}`, { headers: f.auth }),
    },
    {
      name: 'PATCH /users/{id}',
      expected: 200,
      send: (i) =>
        go(`/users/${f.userId}`, {
          method: 'PATCH',
          headers: authJson,
          body: JSON.stringify({ full_name: `Bench ${i}` }),
        }),
    },
    {
      name: 'POST /users/{id}/items',
      expected: 201,
      send: (i) =>
        go(`/users/${f.userId}/items`, {
          method: 'POST',
          headers: authJson,
          body: JSON.stringify({ title: `new ${i}`, price: 1.5 }),
        }),
    },
    {
      name: 'POST /users/{id}/items, new Idempotency-Key',
      expected: 201,
      send: (i) =>
        go(`/users/${f.userId}/items`, {
          method: 'POST',
          headers: { ...authJson, 'Idempotency-Key': `${keys}-item-${i}` },
          body: JSON.stringify({ title: `keyed ${i}`, price: 1.5 }),
        }),
    },
    {
      name: 'POST /users/{id}/items, replayed key',
      expected: 201,
      prepare: async () => void (await replayedItem()),
      send: () => replayedItem(),
    },
    {
      name: 'POST /users, new Idempotency-Key',
      expected: 201,
      send: (i) =>
        go('/users', {
          method: 'POST',
          headers: { ...json, 'Idempotency-Key': `${keys}-user-${i}` },
          body: JSON.stringify(newAccount(`k${keys}_${i}`)),
        }),
    },
    {
      name: 'POST /users, replayed key',
      expected: 201,
      prepare: async () => void (await replayedSignUp()),
      send: () => replayedSignUp(),
    },
    { name: 'GET /items?limit=10', expected: 200, send: () => go('/items?limit=10') },
    { name: 'GET /items/{id}', expected: 200, send: () => go(`/items/${f.itemId}`) },
    {
      name: 'PATCH /items/{id}',
      expected: 200,
      send: (i) =>
        go(`/items/${f.itemId}`, {
          method: 'PATCH',
          headers: authJson,
          body: JSON.stringify({ price: 10 + (i % 50) }),
        }),
    },
    {
      name: 'DELETE /items/{id}',
      expected: 200,
      send: (i) => go(`/items/${f.doomedItemIds[i] ?? 0}`, { method: 'DELETE', headers: f.auth }),
    },
    {
      name: 'POST /auth/logout',
      expected: 204,
      load: false,
      prepare: logouts.prepare,
      send: () => go('/auth/logout', { method: 'POST', headers: logouts.next() }),
    },
    {
      name: 'PUT /users/me/password',
      expected: 200,
      load: false,
      prepare: passwords.prepare,
      send: (i) =>
        go('/users/me/password', {
          method: 'PUT',
          headers: { ...passwords.next(), ...json },
          body: JSON.stringify({ current_password: PASSWORD, new_password: `${PASSWORD}-${i}` }),
        }),
    },
  ];
}

/** Accounts logged in on this Worker, each for one request that retires its token. */
function sessions(base: string, runId: string) {
  // scenarios() runs once per Worker: a name of its own for each call's accounts.
  const prefix = `${runId}${crypto.randomUUID().slice(0, 6)}`;
  let tokens: string[] = [];
  let made = 0;
  return {
    async prepare(count: number) {
      tokens = [];
      for (let i = 0; i < count; i++, made++) {
        const username = `s${prefix}_${made}`;
        const body = { username, email: `${username}@example.com`, password: PASSWORD };
        await call(base, '/api/v1/users', 'POST', body, {}, 201);
        const login = { username, password: PASSWORD };
        const { access_token } = await call(base, '/api/v1/auth/token', 'POST', login, {}, 200);
        tokens.push(access_token);
      }
    },
    next: () => ({ Authorization: `Bearer ${tokens.shift() ?? ''}` }),
  };
}

async function call(
  base: string,
  path: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
  expected: number,
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected)
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, never> & { id: number; access_token: string };
}
