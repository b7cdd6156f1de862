/**
 * The HTTP cases of @neondatabase/serverless's own test suite that apply to a local endpoint,
 * re-stated against the stand-in: what passes there against Neon must pass here.
 */
import { neon, Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  pointDriverAt,
  startRefusingPostgres,
  startTestDatabase,
  type TestDatabase,
  withAddress,
} from './test-support.ts';

let db: TestDatabase;
let proxy: NeonProxy;
let pool: Pool;

beforeAll(async () => {
  db = await startTestDatabase();
  proxy = await startNeonProxy();
  pointDriverAt(proxy);
  pool = new Pool({ connectionString: db.url });
});

afterAll(async () => {
  await pool?.end();
  await proxy?.close();
  await db?.close();
});

const samples: [string, unknown[]][] = [
  ['SELECT $1::int AS i, $2::text AS t, $3::numeric AS n, $4::bool AS b', [1, 'x', '1.50', true]],
  [
    'SELECT $1::timestamptz AS at, $2::jsonb AS doc, $3::int[] AS list',
    [new Date(0), '{"a":1}', [1, 2]],
  ],
  ['SELECT NULL::text AS nothing, 1 AS a, 2 AS a', []],
  ['SELECT * FROM generate_series(1, 3) AS g WHERE g > $1', [5]],
  ['DO $$ BEGIN END $$', []],
  ['SELECT oid FROM pg_class LIMIT 0', []],
];

/** What a caller reads; the classes and parser caches behind a result differ by transport. */
function publicPart(result: {
  command: string;
  rowCount: number | null;
  rows: unknown[];
  fields: object[];
}) {
  const { command, rowCount, rows, fields } = result;
  return { command, rowCount, rows, fields: fields.map((field) => ({ ...field })) };
}

describe('the driver against the stand-in', () => {
  it('gets the same results over HTTP as over WebSocket', async () => {
    const sql = neon(db.url, { fullResults: true });
    const client = await pool.connect();
    try {
      for (const [text, params] of samples) {
        const [http, socket] = await Promise.all([
          sql.query(text, params),
          client.query(text, params),
        ]);
        expect(publicPart(http), text).toStrictEqual(publicPart(socket));
      }
    } finally {
      client.release();
    }
  });

  it('gets the same error over HTTP as over WebSocket, field by field', async () => {
    const text = 'SELECT 123 WHERE x';
    const [http, socket] = await Promise.all(
      [neon(db.url).query(text), pool.query(text)].map((p) => p.catch((error: Error) => error)),
    );
    expect(http).toMatchObject({ message: 'column "x" does not exist' });
    // Known differences: the class name, HTTP's sourceError, WebSocket's length.
    const known = { name: undefined, sourceError: undefined, length: undefined };
    expect({ ...(http as object), ...known }).toStrictEqual({ ...(socket as object), ...known });
  });

  it('reports too few or too many parameters as Postgres does', async () => {
    const sql = neon(db.url);
    await expect(sql.query('SELECT $1', [])).rejects.toThrow('bind message supplies 0 parameters');
    await expect(sql.query('SELECT $1', [1, 2])).rejects.toThrow(
      'bind message supplies 2 parameters',
    );
  });

  it('lets a timeout abort a slow query, and not a fast one', async () => {
    const sql = neon(db.url);
    const slow = { fetchOptions: { signal: AbortSignal.timeout(250) } };
    await expect(sql.query('SELECT pg_sleep(2)', [], slow)).rejects.toThrow(/TimeoutError|abort/);
    const fast = { fetchOptions: { signal: AbortSignal.timeout(2500) } };
    expect(await sql.query('SELECT pg_sleep(.25)', [], fast)).toEqual([{ pg_sleep: '' }]);
  });

  it('reports a refused password as password authentication failed', async () => {
    const refusing = await startRefusingPostgres(
      '28P01',
      'password authentication failed for user "x"',
    );
    try {
      const sql = neon(withAddress(db.url, '127.0.0.1', refusing.port));
      await expect(sql`SELECT ${1}::int AS one`).rejects.toThrow('password authentication failed');
    } finally {
      await refusing.close();
    }
  });
});

describe('transactions over HTTP', () => {
  it('runs arrays and functions of queries, and empty ones', async () => {
    const sql = neon(db.url);
    const pair = await sql.transaction([sql`SELECT ${1}::int AS n`, sql`SELECT ${'s'} AS t`]);
    expect(pair).toEqual([[{ n: 1 }], [{ t: 's' }]]);
    expect(await sql.transaction((txn) => [txn`SELECT ${2}::int AS n`])).toEqual([[{ n: 2 }]]);
    expect(await sql.transaction([])).toEqual([]);
    expect(await sql.transaction(() => [])).toEqual([]);
  });

  it('honours options on neon(), on transaction() and on single queries', async () => {
    const rows = neon(db.url, { arrayMode: true, isolationLevel: 'RepeatableRead' });
    const queries = [rows`SELECT ${1}::int AS n`, rows`SELECT ${'s'} AS t`];
    expect(await rows.transaction(queries)).toEqual([[[1]], [['s']]]);
    expect(await rows.transaction(queries, { arrayMode: false })).toEqual([
      [{ n: 1 }],
      [{ t: 's' }],
    ]);
    const options = { isolationLevel: 'Serializable', readOnly: true } as const;
    expect(await rows.transaction(queries, options)).toEqual([[[1]], [['s']]]);
    const sql = neon(db.url);
    const [full] = await sql.transaction([sql`SELECT 1 AS n`], { fullResults: true });
    expect(full).toMatchObject({ rows: [{ n: 1 }], command: 'SELECT', rowCount: 1 });
    const [mixed] = await sql.transaction([
      // @ts-expect-error the driver sends a query's own arrayMode in a batch; its types omit it
      sql.query('SELECT $1 AS t', ['x'], { arrayMode: true }),
    ]);
    expect(mixed).toEqual([['x']]);
  });
});
