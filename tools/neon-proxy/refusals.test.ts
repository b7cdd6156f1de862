/** Refused targets, unreachable upstreams and malformed requests get clear answers. */
import { Client, neon } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  loginError,
  pointDriverAt,
  startTestDatabase,
  type TestDatabase,
  withAddress,
} from './test-support.ts';

let db: TestDatabase;
let proxy: NeonProxy;
let narrow: NeonProxy;

beforeAll(async () => {
  db = await startTestDatabase();
  proxy = await startNeonProxy();
  narrow = await startNeonProxy({ allow: ['127.0.0.1:1'] });
});

afterAll(async () => {
  await proxy?.close();
  await narrow?.close();
  await db?.close();
});

const outside = () => withAddress(db.url, '10.255.255.1', 5432);

describe('allow-list', () => {
  it('refuses a WebSocket to an address outside the allow-list with a Postgres error', async () => {
    pointDriverAt(proxy);
    await expect(loginError(new Client(outside()))).resolves.toMatchObject({
      code: '08004',
      message: expect.stringMatching(/10\.255\.255\.1:5432 is not in the proxy's allow-list/),
    });
    expect(proxy.stats().upstreamSocketsOpen).toBe(0);
  });

  it('refuses SQL over HTTP to an address outside the allow-list with 403', async () => {
    pointDriverAt(proxy);
    await expect(neon(outside())`SELECT 1`).rejects.toThrow(
      /HTTP status 403.*10\.255\.255\.1:5432 is not in the proxy's allow-list/,
    );
    expect(proxy.stats().httpPoolConnections).toBe(0);
  });

  it('refuses an allowed host on a port the entry does not list, on both protocols', async () => {
    pointDriverAt(narrow);
    await expect(loginError(new Client(db.url))).resolves.toMatchObject({ code: '08004' });
    await expect(neon(db.url)`SELECT 1`).rejects.toThrow(/HTTP status 403/);
    expect(narrow.stats()).toMatchObject({ upstreamSocketsOpen: 0, httpPoolConnections: 0 });
  });

  it('still serves an allowed address', async () => {
    pointDriverAt(proxy);
    expect(await neon(db.url)`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    expect(proxy.stats().httpPoolConnections).toBe(1);
  });
});

describe('unusable upstreams and upgrades', () => {
  // Nothing listens on port 1, but it is a loopback address, so the allow-list passes it.
  const closedPort = () => withAddress(db.url, '127.0.0.1', 1);

  it('reports an unreachable upstream as a Postgres error over WebSocket', async () => {
    pointDriverAt(proxy);
    await expect(loginError(new Client(closedPort()))).resolves.toMatchObject({
      code: '08006',
      message: 'neon proxy: cannot reach 127.0.0.1:1',
    });
  });

  it('reports an unreachable upstream as 500 over HTTP, as Neon does', async () => {
    pointDriverAt(proxy);
    await expect(neon(closedPort())`SELECT 1`).rejects.toThrow(/HTTP status 500.*ECONNREFUSED/);
  });

  it.each([
    ['/v2?address=127.0.0.1:5432', 404],
    ['/v1', 400],
  ])('refuses the WebSocket upgrade for %s with %i', async (path, status) => {
    const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}${path}`);
    const refused = await new Promise<number>((resolve, reject) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('upgrade was accepted')));
      socket.on('error', () => {});
    });
    expect(refused).toBe(status);
  });
});
