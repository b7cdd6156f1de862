/** Ending the interactive transaction's pool: Terminate goes out before the WebSocket closes. */
import { env } from 'cloudflare:workers';
import { afterEach, expect, it, vi } from 'vitest';
import { createPool } from '../../src/db/client.ts';
import { readConfig } from '../../src/env.ts';
import { nextTurn, recordWebSockets } from '../helpers/websockets.ts';

/** Postgres' Terminate message: type 'X', length 4. */
const TERMINATE = [0x58, 0, 0, 0, 4];

afterEach(() => {
  vi.restoreAllMocks();
});

/** A pool as interactiveTransaction() makes one; its error events are expected here. */
function pool(bindings: Record<string, string> = {}) {
  const created = createPool(readConfig({ ...env, ...bindings }));
  created.on('error', () => {});
  return created;
}

it('sends Terminate before closing the WebSocket, and nothing after', async () => {
  const recorded = recordWebSockets();
  const database = pool();
  const client = await database.connect();
  expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  client.release();
  await database.end();
  await nextTurn();
  expect(recorded.sendsAfterClose).toBe(0);
  expect(recorded.sent.at(-1)?.slice(-TERMINATE.length)).toEqual(TERMINATE);
});
