/** Tunnels are closed promptly from either side and never leak upstream connections. */
import { Client, Pool } from '@neondatabase/serverless';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  direct,
  eventually,
  pointDriverAt,
  startTestDatabase,
  type TestDatabase,
} from './test-support.ts';

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

async function useProxy(): Promise<NeonProxy> {
  proxy = await startNeonProxy();
  pointDriverAt(proxy);
  return proxy;
}

/** Backends connected to the test database, not counting the one asking. */
async function backends(): Promise<number> {
  const [row] = await direct<{ n: number }>(
    db.url,
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return row?.n ?? -1;
}

const tunnelsClosed = (stats: ReturnType<NeonProxy['stats']>) =>
  stats.upstreamSocketsOpen === 0 && stats.wsConnectionsOpen === 0;

describe('closing connections', () => {
  it('closes the upstream socket and the WebSocket when the client sends Terminate', async () => {
    await useProxy();
    const pool = new Pool({ connectionString: db.url });
    await pool.query('SELECT 1');
    expect(proxy.stats()).toMatchObject({ upstreamSocketsOpen: 1, wsConnectionsOpen: 1 });
    await pool.end();
    // The driver sends Terminate but leaves the WebSocket open: the proxy has to hang up.
    await eventually(() => proxy.stats(), tunnelsClosed, 1000);
  });

  it('leaks nothing after 30 short-lived pools', { timeout: 30_000 }, async () => {
    await useProxy();
    const baseline = db.real ? await backends() : 0;
    for (let i = 0; i < 30; i += 1) {
      const pool = new Pool({ connectionString: db.url });
      const { rows } = await pool.query('SELECT $1::int AS i', [i]);
      expect(rows).toEqual([{ i }]);
      await pool.end();
    }
    const stats = await eventually(() => proxy.stats(), tunnelsClosed);
    expect(stats.wsConnectionsOpened).toBe(30);
    if (db.real) await eventually(backends, (n) => n === baseline);
  });

  it('closes the upstream socket when the client drops the WebSocket', async () => {
    await useProxy();
    const client = new Client(db.url);
    await client.connect();
    await client.query('BEGIN');
    client.on('error', () => {});
    // Mid-transaction, without Terminate, as a crashed Worker would leave it.
    client.connection.stream.destroy();
    await eventually(() => proxy.stats(), tunnelsClosed);
  });

  it('close() ends open tunnels and pools and resolves', async () => {
    await useProxy();
    const client = new Client(db.url);
    const ended = new Promise<void>((resolve) => client.on('end', () => resolve()));
    client.on('error', () => {});
    await client.connect();
    await client.query('SELECT 1');
    await proxy.close();
    await ended;
    expect(proxy.stats()).toMatchObject({ upstreamSocketsOpen: 0, wsConnectionsOpen: 0 });
  });
});
