/**
 * Each HTTP request gets a clean session, and one whose client went away is cancelled and rolled
 * back, as on Neon: nothing one request leaves behind is seen by the next.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  direct,
  eventually,
  postSql,
  type SqlAnswer,
  startTestDatabase,
  type TestDatabase,
  uniqueName,
} from './test-support.ts';

let db: TestDatabase;
let proxy: NeonProxy;
const log: string[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  proxy = await startNeonProxy({ log: (line) => log.push(line) });
});

afterAll(async () => {
  await proxy?.close();
  await db?.close();
});

const run = (body: unknown, signal?: AbortSignal) =>
  postSql(proxy, body, { 'Neon-Connection-String': db.url }, signal);
const rows = (answer: SqlAnswer) => answer.body.rows;

describe('session state between requests', () => {
  it.each([
    [
      'set_config(…, false)',
      "SELECT set_config('my.leak', 'yes', false)",
      "SELECT current_setting('my.leak', true) = 'yes' AS leaked",
    ],
    [
      'SET',
      'SET statement_timeout = 4321',
      "SELECT current_setting('statement_timeout') = '4321ms' AS leaked",
    ],
    [
      'a temporary table',
      'CREATE TEMP TABLE leak_t (x int)',
      "SELECT to_regclass('pg_temp.leak_t') IS NOT NULL AS leaked",
    ],
    [
      'an advisory lock',
      'SELECT pg_advisory_lock(4242)',
      "SELECT count(*) > 0 AS leaked FROM pg_locks WHERE locktype = 'advisory'",
    ],
    [
      'a prepared statement',
      'PREPARE leak_p AS SELECT 1',
      'SELECT count(*) > 0 AS leaked FROM pg_prepared_statements',
    ],
    [
      'a BEGIN sent alone',
      'BEGIN ISOLATION LEVEL SERIALIZABLE',
      "SELECT current_setting('transaction_isolation') <> 'read committed' AS leaked",
    ],
  ])('does not carry %s into the next request', async (_case, set, check) => {
    const before = proxy.stats().httpPoolConnections;
    expect((await run({ query: set })).status).toBe(200);
    for (let i = 0; i < 3; i += 1)
      expect(rows(await run({ query: check }))).toEqual([{ leaked: 'f' }]);
    // Reset, not thrown away: the pooled connection is reused, as Neon reuses it.
    expect(proxy.stats().httpPoolConnections).toBe(Math.max(before, 1));
  });

  it('does not carry a session setting made inside a batch', async () => {
    const set = "SELECT set_config('my.batch', 'yes', false)";
    expect((await run({ queries: [{ query: set }] })).status).toBe(200);
    const check = "SELECT current_setting('my.batch', true) = 'yes' AS leaked";
    expect(rows(await run({ query: check }))).toEqual([{ leaked: 'f' }]);
  });
});

describe('a client that goes away', () => {
  /**
   * Blocks the proxy's next statement: on Postgres with an advisory lock the batch waits for, on
   * PGlite (one session for all connections) with a transaction that holds the database.
   */
  async function holdDatabase(key: number) {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_lock($1)', [key]);
    return async () => {
      await holder.query('ROLLBACK');
      await holder.query('SELECT pg_advisory_unlock_all()');
      await holder.end();
    };
  }

  async function waitingForLock(): Promise<void> {
    await eventually(
      () =>
        direct<{ n: number }>(
          db.url,
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'advisory'",
        ),
      ([row]) => row?.n === 1,
    );
  }

  it('leaves no row from an abandoned batch, and the next request works', async () => {
    const table = uniqueName('abandoned');
    await direct(db.url, `CREATE TABLE ${table} (id int PRIMARY KEY)`);
    const release = await holdDatabase(777);
    const gone = new AbortController();
    const queries = [
      { query: `INSERT INTO ${table} VALUES (1)` },
      { query: 'SELECT pg_advisory_lock(777)' },
    ];
    const sent = proxy.stats().httpQueries + queries.length;
    const request = run({ queries }, gone.signal).catch((error: Error) => error);
    // On PGlite the batch now waits for the holder's transaction to end.
    if (db.real) await waitingForLock();
    else
      await eventually(
        () => proxy.stats().httpQueries,
        (n) => n === sent,
      );
    gone.abort();
    expect(await request).toBeInstanceOf(Error);
    await release();
    await eventually(() => log.some((line) => line.startsWith('POST /sql cancelled')), Boolean);

    expect(await direct(db.url, `SELECT id FROM ${table}`)).toEqual([]);
    expect(rows(await run({ query: 'SELECT 1 AS one' }))).toEqual([{ one: '1' }]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('cancels an abandoned single statement', async () => {
    const table = uniqueName('cancelled');
    await direct(db.url, `CREATE TABLE ${table} (id int PRIMARY KEY)`);
    const release = await holdDatabase(778);
    const gone = new AbortController();
    const insert = `INSERT INTO ${table} SELECT 1 FROM pg_advisory_lock(778)`;
    const request = run({ query: insert }, gone.signal).catch((error: Error) => error);
    await waitingForLock();
    gone.abort();
    await request;
    // Cancelled while still waiting: the lock is never taken, so nothing is inserted.
    await eventually(
      () =>
        direct<{ n: number }>(
          db.url,
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'advisory'",
        ),
      ([row]) => row?.n === 0,
    );
    await release();
    expect(await direct(db.url, `SELECT id FROM ${table}`)).toEqual([]);
  });
});
