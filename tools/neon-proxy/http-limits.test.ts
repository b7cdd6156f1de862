/** Neon's size limits (10 MiB each way, 32,767 parameters) and its reading of JSON parameters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  direct,
  postSql,
  startTestDatabase,
  type TestDatabase,
  uniqueName,
} from './test-support.ts';

let db: TestDatabase;
let proxy: NeonProxy;
const MiB = 1024 * 1024;

beforeAll(async () => {
  db = await startTestDatabase();
  proxy = await startNeonProxy();
});

afterAll(async () => {
  await proxy?.close();
  await db?.close();
});

const withDb = () => ({ 'Neon-Connection-String': db.url });

async function makeTable(): Promise<string> {
  const table = uniqueName('limits');
  await direct(db.url, `CREATE TABLE ${table} (id int PRIMARY KEY)`);
  return table;
}

async function countRows(table: string): Promise<number> {
  const [row] = await direct<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? -1;
}

/** `SELECT cardinality(ARRAY[$1, …, $n]::text[])`, so Postgres needs every parameter. */
function usingParams(n: number) {
  const list = Array.from({ length: n }, (_, i) => `$${i + 1}`).join(',');
  return {
    query: `SELECT cardinality(ARRAY[${list}]::text[]) AS n`,
    params: Array.from({ length: n }, (_, i) => String(i)),
  };
}

describe('request size', () => {
  it('refuses a body over 10 MiB with 413, and takes one just under', async () => {
    const over = { query: 'SELECT length($1) AS n', params: ['x'.repeat(11 * MiB)] };
    const refused = await postSql(proxy, over, withDb());
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ message: 'request is too large (max is 10485760 bytes)' });
    const under = { query: 'SELECT length($1) AS n', params: ['x'.repeat(10 * MiB - 100)] };
    const taken = await postSql(proxy, under, withDb());
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.rows).toEqual([{ n: String(10 * MiB - 100) }]);
  });
});

describe('response size', () => {
  const rowsOfOneMiB = (n: number) =>
    `SELECT repeat('x', ${MiB}) AS chunk FROM generate_series(1, ${n})`;

  it('refuses rows over 10 MiB with 507 and Neon message, then serves the next request', async () => {
    const answer = await postSql(proxy, { query: rowsOfOneMiB(11) }, withDb());
    expect(answer.status).toBe(507);
    expect(answer.body).toMatchObject({
      message: 'response is too large (max is 10485760 bytes)',
      code: '',
    });
    const next = await postSql(proxy, { query: 'SELECT 1 AS one' }, withDb());
    expect(next).toMatchObject({ status: 200, body: { rows: [{ one: '1' }] } });
  });

  it('counts the whole batch and rolls it back', async () => {
    const table = await makeTable();
    const queries = [
      { query: `INSERT INTO ${table} VALUES (1)` },
      { query: rowsOfOneMiB(6) },
      { query: rowsOfOneMiB(6) },
    ];
    const answer = await postSql(proxy, { queries }, withDb());
    expect(answer.status).toBe(507);
    expect(await countRows(table)).toBe(0);
  });

  it('answers 9 MiB of rows', async () => {
    const answer = await postSql(proxy, { query: rowsOfOneMiB(9) }, withDb());
    expect(answer.status).toBe(200);
    expect(answer.body.rows).toHaveLength(9);
  });
});

describe('bind parameters', () => {
  it('takes 32,767 parameters', async () => {
    const answer = await postSql(proxy, usingParams(32_767), withDb());
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    expect(answer.body.rows).toEqual([{ n: '32767' }]);
  });

  it.each([32_768, 40_000])('refuses %i with 400 and writes nothing', async (n) => {
    const table = await makeTable();
    const queries = [{ query: `INSERT INTO ${table} VALUES (1)` }, usingParams(n)];
    for (const body of [usingParams(n), { queries }]) {
      const answer = await postSql(proxy, body, withDb());
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        message: 'error encoding message to server: value too large to transmit',
        code: '',
      });
    }
    expect(await countRows(table)).toBe(0);
  });

  it('reads JSON values as Neon does: scalars and objects as text, arrays as Postgres arrays', async () => {
    const answer = await postSql(
      proxy,
      {
        query:
          'SELECT $1::jsonb AS doc, $2::int[] AS ints, $3::text[] AS texts, $4::bool AS yes, $5::int AS n',
        params: [
          { a: [1, 'two'] },
          [
            [1, 2],
            [null, 4],
          ],
          ['a"b', null, 'c,d'],
          true,
          5,
        ],
      },
      withDb(),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.rows).toEqual([
      {
        doc: '{"a": [1, "two"]}',
        ints: '{{1,2},{NULL,4}}',
        texts: '{"a\\"b",NULL,"c,d"}',
        yes: 't',
        n: '5',
      },
    ]);
  });
});
