/** Counters for the benchmark, the simulated distance, and what the log may contain. */
import { Client, neon } from '@neondatabase/serverless';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import { pointDriverAt, startTestDatabase, type TestDatabase, uniqueName } from './test-support.ts';

let db: TestDatabase;
let proxy: NeonProxy;

beforeAll(async () => {
  db = await startTestDatabase();
});

afterEach(async () => {
  await proxy?.close();
});

afterAll(async () => {
  await db?.close();
});

async function useProxy(delayMs = 0, log?: (line: string) => void): Promise<NeonProxy> {
  proxy = await startNeonProxy({ delayMs, log });
  pointDriverAt(proxy);
  return proxy;
}

describe('counters', () => {
  it('counts one round trip for one simple query on a connected client', async () => {
    await useProxy();
    const client = new Client(db.url);
    await client.connect();
    proxy.resetStats();
    await client.query('SELECT 1');
    expect(proxy.stats()).toMatchObject({ wsRoundTrips: 1, wsClientMessages: 1 });
    await client.query('SELECT $1::int', [2]);
    expect(proxy.stats()).toMatchObject({ wsRoundTrips: 2, wsClientMessages: 2 });
    await client.end();
  });

  it('counts one turn however many messages the client sends before an answer', async () => {
    await useProxy();
    const client = new Client(db.url);
    client.neonConfig.coalesceWrites = false;
    await client.connect();
    // The driver pipelines its login, so connect() resolves before the server has answered.
    await client.query('SELECT 1');
    proxy.resetStats();
    await client.query('SELECT $1::int', [1]);
    const stats = proxy.stats();
    expect(stats.wsClientMessages).toBeGreaterThan(1);
    expect(stats.wsRoundTrips).toBe(1);
    await client.end();
  });

  it('serves and resets the counters over HTTP', async () => {
    await useProxy();
    const client = new Client(db.url);
    await client.connect();
    const read = async () => (await fetch(`${proxy.url}/_stats`)).json();
    expect(await read()).toMatchObject({ wsConnectionsOpened: 1, wsConnectionsOpen: 1 });
    const reset = await fetch(`${proxy.url}/_stats/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    // Gauges describe what is open now, so a reset keeps them.
    expect(await read()).toMatchObject({ wsConnectionsOpened: 0, wsConnectionsOpen: 1 });
    await client.end();
  });
});

describe('HTTP counters', () => {
  it('counts one HTTP request and query per neon() call, and each query of a batch', async () => {
    await useProxy();
    const sql = neon(db.url);
    await sql`SELECT 1`;
    proxy.resetStats();
    await sql`SELECT 1`;
    await sql.query('SELECT $1::int', [2]);
    expect(proxy.stats()).toMatchObject({ httpRequests: 2, httpQueries: 2, wsRoundTrips: 0 });
    await sql.transaction([sql`SELECT 1`, sql`SELECT 2`, sql`SELECT 3`]);
    expect(proxy.stats()).toMatchObject({ httpRequests: 3, httpQueries: 5 });
  });
});

describe('delayMs', () => {
  const delayMs = 60;

  it('adds the delay in both directions of a WebSocket round trip', async () => {
    await useProxy(delayMs);
    const client = new Client(db.url);
    await client.connect();
    const started = performance.now();
    await client.query('SELECT 1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * delayMs);
    await client.end();
  });

  it('keeps message order while delaying', async () => {
    await useProxy(delayMs);
    const client = new Client(db.url);
    // Parse, Bind, Describe, Execute and Sync then travel as separate WebSocket messages.
    client.neonConfig.coalesceWrites = false;
    await client.connect();
    const results = await Promise.all(
      [1, 2, 3].map((n) => client.query('SELECT $1::int AS n', [n])),
    );
    expect(results.map((r) => r.rows[0])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await client.end();
  });

  it('adds the delay before running and before answering an HTTP query', async () => {
    await useProxy(delayMs);
    const started = performance.now();
    expect(await neon(db.url)`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * delayMs);
  });
});

describe('logging', () => {
  it('never prints query parameters, SQL or connection-string passwords', async () => {
    const lines: string[] = [];
    await useProxy(0, (line) => lines.push(line));
    const url = new URL(db.url);
    url.password = 'pw-secret-123';
    const secretUrl = url.toString();
    const table = uniqueName('logged');
    const sql = neon(secretUrl);
    await sql.query(`CREATE TABLE ${table} (v text PRIMARY KEY)`);
    await sql.query(`INSERT INTO ${table} VALUES ($1)`, ['param-secret-456']);
    // The unique violation's detail repeats the value; it must stay out of the log too.
    await expect(
      sql.query(`INSERT INTO ${table} VALUES ($1)`, ['param-secret-456']),
    ).rejects.toMatchObject({ code: '23505' });
    const client = new Client(secretUrl);
    await client.connect();
    await client.query('SELECT $1::text', ['param-secret-456']);
    await client.end();
    expect(lines.length).toBeGreaterThan(3);
    const text = lines.join('\n');
    for (const secret of ['pw-secret-123', 'param-secret-456', table]) {
      expect(text).not.toContain(secret);
    }
  });
});
