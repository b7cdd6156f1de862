/** Logins over WebSocket go as on Neon: the stand-in asks for the password in cleartext. */
import { Client, neonConfig } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  loginError,
  pointDriverAt,
  startRefusingPostgres,
  startTestDatabase,
  type TestDatabase,
  withAddress,
} from './test-support.ts';

let db: TestDatabase;
let proxy: NeonProxy;

beforeAll(async () => {
  db = await startTestDatabase();
  proxy = await startNeonProxy();
  pointDriverAt(proxy);
});

afterAll(async () => {
  await proxy?.close();
  await db?.close();
});

/** Connects, runs one query, and returns the WebSocket turns that took. */
async function turnsToFirstAnswer(pipelineConnect: 'password' | false): Promise<number> {
  const client = new Client(db.url);
  client.neonConfig.pipelineConnect = pipelineConnect;
  proxy.resetStats();
  await client.connect();
  expect((await client.query('SELECT $1::int AS n', [7])).rows).toEqual([{ n: 7 }]);
  const turns = proxy.stats().wsRoundTrips;
  await client.end();
  return turns;
}

describe('WebSocket login', () => {
  it("works with the driver's production default, pipelineConnect: 'password'", async () => {
    expect(neonConfig.pipelineConnect).toBe('password');
    const pipelined = await turnsToFirstAnswer('password');
    // Waiting for the password request instead costs a turn more, as it would on Neon.
    expect(await turnsToFirstAnswer(false)).toBeGreaterThan(pipelined);
  });

  it('relays the refusal of a Postgres that rejects the password', async () => {
    const refusing = await startRefusingPostgres('28P01', 'password authentication failed');
    try {
      const client = new Client(withAddress(db.url, '127.0.0.1', refusing.port));
      await expect(loginError(client)).resolves.toMatchObject({
        code: '28P01',
        message: 'password authentication failed',
        severity: 'FATAL',
      });
    } finally {
      await refusing.close();
    }
  });

  it('refuses a login without a password, as Neon does, before reaching Postgres', async () => {
    // Nothing listens on port 1: had the stand-in tried to connect, this would be 08006.
    const url = new URL(withAddress(db.url, '127.0.0.1', 1));
    url.password = '';
    const client = new Client({ connectionString: url.toString(), password: '' });
    await expect(loginError(client)).resolves.toMatchObject({ code: '28P01' });
  });
});
