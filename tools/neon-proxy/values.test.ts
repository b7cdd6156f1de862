/** Parameters and results of common Postgres types survive both transports unchanged. */
import { neon, Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  pointDriverAt,
  postSql,
  startTestDatabase,
  type TestDatabase,
  uniqueName,
} from './test-support.ts';

type Row = Record<string, unknown>;
type Runner = (text: string, params: unknown[]) => Promise<Row[]>;

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

const transports: [string, () => Runner][] = [
  ['WebSocket (Pool)', () => async (text, params) => (await pool.query(text, params)).rows],
  ['HTTP (neon)', () => (text, params) => neon(db.url).query(text, params)],
];

const stamp = new Date('2024-02-29T12:34:56.789Z');
const unicode = 'héllo wörld, ça va? 😀🎉 ñ 日本';
const document = { a: 1, nested: { list: [true, null, 'ü😀'] }, quote: 'say "hi"' };
const texts = ['plain', 'with, comma', 'with "quotes"', unicode, null];

describe.each(transports)('values over %s', (_name, makeRunner) => {
  it('round-trips parameters as the types the driver parses', async () => {
    const run = makeRunner();
    const params: unknown[] = [42, '9007199254740993', '12345.678901', unicode, true, false];
    params.push(stamp, null, [1, 2, 3], texts, document);
    const [row] = await run(
      `SELECT $1::int AS i, $2::bigint AS big, $3::numeric AS num, $4::text AS txt,
        $5::boolean AS yes, $6::boolean AS no, $7::timestamptz AS ts, $8::int AS nothing,
        $9::int[] AS ints, $10::text[] AS texts, $11::jsonb AS doc`,
      params,
    );
    expect(row).toEqual({
      i: 42,
      big: '9007199254740993',
      num: '12345.678901',
      txt: unicode,
      yes: true,
      no: false,
      ts: stamp,
      nothing: null,
      ints: [1, 2, 3],
      texts,
      doc: document,
    });
    expect(row?.ts).toBeInstanceOf(Date);
  });

  it('stores values in a table and reads them back', async () => {
    const run = makeRunner();
    const table = uniqueName('vals');
    await run(
      `CREATE TABLE ${table} (id serial PRIMARY KEY, n bigint, label text, at timestamptz,
        tags text[], meta jsonb, ok boolean)`,
      [],
    );
    const inserted = await run(
      `INSERT INTO ${table} (n, label, at, tags, meta, ok) VALUES ($1, $2, $3, $4, $5, $6),
        (NULL, NULL, NULL, NULL, NULL, NULL) RETURNING id`,
      ['-9223372036854775808', unicode, stamp, ['x', unicode], document, true],
    );
    expect(inserted).toEqual([{ id: 1 }, { id: 2 }]);
    const rows = await run(`SELECT n, label, at, tags, meta, ok FROM ${table} ORDER BY id`, []);
    expect(rows).toEqual([
      {
        n: '-9223372036854775808',
        label: unicode,
        at: stamp,
        tags: ['x', unicode],
        meta: document,
        ok: true,
      },
      { n: null, label: null, at: null, tags: null, meta: null, ok: null },
    ]);
  });
});

describe('HTTP result shape', () => {
  it('honours arrayMode and fullResults like Neon', async () => {
    const sql = neon(db.url);
    const rows = await sql.query('SELECT 1 AS a, $1::text AS a', ['two'], { arrayMode: true });
    expect(rows).toEqual([[1, 'two']]);
    const full = await sql.query('SELECT $1::int AS n', [7], { fullResults: true });
    expect(full.rows).toEqual([{ n: 7 }]);
    expect(full.command).toBe('SELECT');
    expect(full.rowCount).toBe(1);
    expect(full.fields).toEqual([expect.objectContaining({ name: 'n', dataTypeID: 23 })]);
  });

  it('answers object rows when Neon-Array-Mode is not set', async () => {
    const response = await fetch(`${proxy.url}/sql`, {
      method: 'POST',
      headers: { 'Neon-Connection-String': db.url, 'Neon-Raw-Text-Output': 'true' },
      body: JSON.stringify({ query: 'SELECT $1::int AS n, NULL::text AS t', params: ['5'] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      command: 'SELECT',
      rowCount: 1,
      rowAsArray: false,
      rows: [{ n: '5', t: null }],
      fields: [
        { name: 'n', dataTypeID: 23, format: 'text' },
        { name: 't', dataTypeID: 25, format: 'text' },
      ],
    });
  });

  it('gives JSON values, as Neon does, when Neon-Raw-Text-Output is not "true"', async () => {
    const query = `SELECT 1::int2 AS a, 2 AS b, 3::int8 AS c, 1.5::float8 AS d, 'NaN'::float4 AS e,
      true AS f, '{"k": [1, "x"]}'::jsonb AS g, ARRAY[1, NULL, 3] AS h, NULL::int AS i,
      ARRAY['a b', 'c"d', NULL, '{}'] AS j, ARRAY[[true, false]] AS k, '{}'::int[] AS l,
      ARRAY[1.5]::numeric[] AS m, 'x'::text AS n`;
    const headers = { 'Neon-Connection-String': db.url, 'Neon-Raw-Text-Output': 'false' };
    const answer = await postSql(proxy, { query }, headers);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.rows).toEqual([
      {
        a: 1,
        b: 2,
        c: '3',
        d: 1.5,
        e: 'NaN',
        f: true,
        g: { k: [1, 'x'] },
        h: [1, null, 3],
        i: null,
        j: ['a b', 'c"d', null, '{}'],
        k: [[true, false]],
        l: [],
        m: ['1.5'],
        n: 'x',
      },
    ]);
  });

  it('rejects several statements in one query, as Neon does', async () => {
    await expect(neon(db.url).query('SELECT 1; SELECT 2')).rejects.toMatchObject({
      code: '42601',
    });
  });
});
