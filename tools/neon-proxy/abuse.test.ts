/**
 * A bounded abuse run: random bytes, half-open sockets and resets at every stage, on plain and
 * upgrade sockets. A crash would surface as an uncaught error and fail the run; afterwards the
 * stand-in must still answer both protocols and hold nothing open for the clients that left.
 */
import { connect, type Socket } from 'node:net';
import { Client, neon } from '@neondatabase/serverless';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type NeonProxy, startNeonProxy } from './server.ts';
import { eventually, pointDriverAt, startTestDatabase, type TestDatabase } from './test-support.ts';

let db: TestDatabase;
let proxy: NeonProxy;
const open: Socket[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  proxy = await startNeonProxy();
  pointDriverAt(proxy);
});

afterAll(async () => {
  for (const socket of open) socket.destroy();
  await proxy?.close();
  await db?.close();
});

/** Seeded, so a failing run can be replayed exactly. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => (next() * 256) | 0));
  return { next, bytes };
}

const upgrade = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

/** Writes `first`, then after `waitMs` either resets the socket, half-closes it, or leaves it. */
function misbehave(first: Buffer | string, waitMs: number, ending: 'reset' | 'half' | 'stay') {
  return new Promise<void>((resolve) => {
    const socket = connect(proxy.port, '127.0.0.1', () => {
      socket.write(first);
      setTimeout(() => {
        if (ending === 'reset') socket.resetAndDestroy();
        else if (ending === 'half') socket.end();
        else open.push(socket);
        resolve();
      }, waitMs);
    });
    socket.on('error', () => resolve());
  });
}

/** A WebSocket that opens, sends random binary frames, then drops without a close frame. */
async function garbageOverWebSocket(bytes: Buffer[]): Promise<void> {
  const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}/v1?address=127.0.0.1:5432`);
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('open', resolve).once('close', resolve));
  for (const chunk of bytes) if (socket.readyState === socket.OPEN) socket.send(chunk);
  socket.terminate();
}

it('keeps answering after 240 misbehaving clients', { timeout: 60_000 }, async () => {
  const { next, bytes } = random(14);
  const endings = ['reset', 'half', 'stay'] as const;
  const pick = () => endings[Math.floor(next() * 3)] ?? 'reset';
  const target = new URL(db.url).port;
  const runs: Promise<void>[] = [];
  for (let i = 0; i < 60; i += 1) {
    const wait = Math.floor(next() * 20);
    // Upgrades accepted, refused and left half-way, each reset at a random moment.
    runs.push(misbehave(upgrade(`/v1?address=127.0.0.1:${target}`), wait, 'reset'));
    runs.push(misbehave(upgrade(i % 2 ? '/v2' : '/v1'), wait, pick()));
    // Random bytes where HTTP is expected, and a POST whose body never ends.
    runs.push(misbehave(bytes(1 + Math.floor(next() * 200)), wait, pick()));
    runs.push(misbehave('POST /sql HTTP/1.1\r\nContent-Length: 999\r\n\r\n{"qu', wait, pick()));
  }
  await Promise.all(runs);
  for (let i = 0; i < 20; i += 1) {
    await garbageOverWebSocket([bytes(8), bytes(Math.floor(next() * 64))]);
  }

  expect(await neon(db.url)`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  const client = new Client(db.url);
  await client.connect();
  expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  await client.end();
  // Every tunnel of a client that went away is closed, upstream sockets included.
  await eventually(
    () => proxy.stats(),
    (stats) => stats.wsConnectionsOpen === 0 && stats.upstreamSocketsOpen === 0,
    5000,
  );
});
