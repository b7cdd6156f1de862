/**
 * What happens when the database fails under the Worker. One app instance plays the deployed
 * Worker throughout; the database is reached through a relay the tests can cut or take down.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createPool } from '../../src/db/client.ts';
import { readConfig } from '../../src/env.ts';
import { ItemSchema } from '../../src/routes/items/items.schemas.ts';
import { UserSchema } from '../../src/routes/users/users.schemas.ts';
import { expectJson, expectProblem } from '../helpers/api.ts';
import { signUp } from '../helpers/factories.ts';
import { api, appClient, unique } from '../helpers/http.ts';

const viaRelay = { DATABASE_URL: env.RELAY_DATABASE_URL, DB_TIMEOUT_MS: '3000' };
const relay = (action: 'down' | 'up' | 'kill') =>
  fetch(`${env.RELAY_CONTROL_URL}/${action}`, { method: 'POST' }).then((r) => r.json());

async function expect503(response: Response) {
  await expectProblem(response, 503);
  expect(response.headers.get('Retry-After')).toMatch(/^\d+$/);
}

describe('database down, then back', () => {
  it('answers 503 within the timeout and recovers without restarting the Worker', {
    timeout: 20_000,
  }, async () => {
    const worker = appClient(createApp(), viaRelay);
    const owner = await signUp();
    const { token } = owner;
    const items = `/api/v1/users/${owner.user.id}/items`;
    await relay('down');
    try {
      await expect503(await worker.get('/health/ready'));
      await expect503(await worker.get('/api/v1/items'));
      await expect503(
        await worker.post(items, { json: { title: unique('during outage ') }, token }),
      );
    } finally {
      await relay('up');
    }
    const ready = await worker.get('/health/ready');
    expect(ready.status, await ready.clone().text()).toBe(200);
    const created = await worker.post(items, { json: { title: 'after' }, token });
    expect(created.status, await created.clone().text()).toBe(201);
  });
});

describe('connections cut during concurrent writes', () => {
  it('keeps every write it acknowledged with 201', { timeout: 30_000 }, async () => {
    const worker = appClient(createApp(), viaRelay);
    const owner = await signUp();
    const { token } = owner;
    const path = `/api/v1/users/${owner.user.id}/items`;
    const responses = await cutWhileSending(
      Array.from(
        { length: 40 },
        (_, i) => () => worker.post(path, { json: { title: `w${i}` }, token }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.every((s) => s === 201 || s === 503),
      statuses.join(','),
    ).toBe(true);
    const acknowledged = await Promise.all(
      responses
        .filter((r) => r.status === 201)
        .map(async (r) => ItemSchema.parse(await r.json()).id),
    );
    const mine = await expectJson(await api.get(`${path}?limit=100`), 200, ItemSchema.array());
    const stored = new Set(mine.map((item) => item.id));
    for (const id of acknowledged) expect(stored.has(id), `item ${id} was acknowledged`).toBe(true);
    const after = await worker.post(path, { json: { title: 'after the storm' }, token });
    expect(after.status, await after.clone().text()).toBe(201);
  });
});

describe('connections cut during creates with an Idempotency-Key', () => {
  it('leaves exactly one item per key once every 503 is retried with its key', {
    timeout: 60_000,
  }, async () => {
    const worker = appClient(createApp(), viaRelay);
    const owner = await signUp();
    const path = `/api/v1/users/${owner.user.id}/items`;
    const run = crypto.randomUUID().slice(0, 8);
    const send = (i: number) =>
      worker.post(path, {
        json: { title: `${run} k${i}` },
        token: owner.token,
        headers: { 'Idempotency-Key': `${run}-${i}` },
      });
    const keys = Array.from({ length: 20 }, (_, i) => i);
    let statuses = (await cutWhileSending(keys.map((i) => () => send(i)))).map((r) => r.status);
    expect(
      statuses.every((s) => s === 201 || s === 503),
      statuses.join(','),
    ).toBe(true);
    // A client that was told 503 does not know whether its item exists: it retries with the key.
    for (let round = 0; round < 5 && statuses.includes(503); round++) {
      statuses = await Promise.all(
        keys.map(async (i) => (statuses[i] === 503 ? (await send(i)).status : (statuses[i] ?? 0))),
      );
    }
    expect(
      statuses.every((s) => s === 201),
      statuses.join(','),
    ).toBe(true);
    const mine = await expectJson(await api.get(`${path}?limit=100`), 200, ItemSchema.array());
    const titles = mine.map((item) => item.title).sort();
    expect(titles).toEqual(keys.map((i) => `${run} k${i}`).sort());
  });
});

/**
 * Sends every request at once and cuts the database connections once per completed response, so
 * some writes land between cuts and some are hit.
 */
async function cutWhileSending(requests: (() => Promise<Response>)[]): Promise<Response[]> {
  let completed = 0;
  let wake = () => {};
  const pending = requests.map((request) =>
    request().finally(() => {
      completed++;
      wake();
    }),
  );
  while (completed < pending.length) {
    const next = new Promise<void>((resolve) => {
      wake = resolve;
    });
    await relay('kill');
    if (completed < pending.length) await next;
  }
  return Promise.all(pending);
}

describe.skipIf(env.DATABASE_KIND !== 'postgres')('a backend terminated mid-request', () => {
  it('answers 503, leaves nothing half-written, and the next request succeeds', {
    timeout: 20_000,
  }, async () => {
    const worker = appClient(createApp());
    const owner = await signUp({ full_name: 'Before' });
    const { token } = owner;
    const path = `/api/v1/users/${owner.user.id}`;
    const pool = createPool(readConfig(env));
    // workerd reports the server's close at pool.end() as an error event.
    pool.on('error', () => undefined);
    const holder = await pool.connect();
    try {
      // Hold the user's row so the PATCH's UPDATE waits on it, then terminate the waiting backend.
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [owner.user.id]);
      const pending = worker.patch(path, { json: { full_name: 'After' }, token });
      let terminated = 0;
      for (let polls = 0; terminated === 0 && polls < 2000; polls++) {
        const result = await holder.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        terminated = result.rows[0].n;
      }
      expect(terminated).toBe(1);
      await expect503(await pending);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
      await pool.end();
    }
    const me = await expectJson(await api.get('/api/v1/users/me', { token }), 200, UserSchema);
    expect(me.full_name).toBe('Before');
    const retry = await worker.patch(path, { json: { full_name: 'After' }, token });
    expect(retry.status, await retry.clone().text()).toBe(200);
  });
});
