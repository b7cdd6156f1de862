/** Postgres errors reach the driver with their fields; HTTP batches are single transactions. */
import { Client, neon } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  direct,
  pointDriverAt,
  startTestDatabase,
  type TestDatabase,
  uniqueName,
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

async function makeTable(): Promise<string> {
  const table = uniqueName('errs');
  await direct(
    db.url,
    `CREATE TABLE ${table} (id int PRIMARY KEY, email text,
    CONSTRAINT ${table}_email_key UNIQUE (email))`,
  );
  return table;
}

async function countRows(table: string): Promise<number> {
  const [row] = await direct<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? -1;
}

async function viaWebSocket(text: string, params: unknown[] = []): Promise<unknown> {
  const client = new Client(db.url);
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

const transports: [string, (text: string, params?: unknown[]) => Promise<unknown>][] = [
  ['WebSocket', viaWebSocket],
  ['HTTP', (text, params = []) => neon(db.url).query(text, params)],
];

describe.each(transports)('Postgres errors over %s', (_name, run) => {
  it('carries code, constraint, table and detail of a unique violation', async () => {
    const table = await makeTable();
    await run(`INSERT INTO ${table} VALUES (1, $1)`, ['a@example.com']);
    const error = await run(`INSERT INTO ${table} VALUES (2, $1)`, ['a@example.com']).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({
      code: '23505',
      constraint: `${table}_email_key`,
      table,
      schema: 'public',
      severity: 'ERROR',
      detail: 'Key (email)=(a@example.com) already exists.',
      message: expect.stringContaining('duplicate key value violates unique constraint'),
    });
  });

  it('carries code and position of a syntax error', async () => {
    await expect(run('SELECT 1 FROM WHERE')).rejects.toMatchObject({
      code: '42601',
      position: '15',
      message: 'syntax error at or near "WHERE"',
    });
  });
});

describe('HTTP batches', () => {
  it('commits every query of a transaction', async () => {
    const table = await makeTable();
    const sql = neon(db.url);
    const [first, second] = await sql.transaction([
      sql`INSERT INTO ${sql.unsafe(table)} VALUES (1, ${'x@example.com'}) RETURNING id`,
      sql`INSERT INTO ${sql.unsafe(table)} VALUES (2, ${'y@example.com'}) RETURNING id`,
    ]);
    expect(first).toEqual([{ id: 1 }]);
    expect(second).toEqual([{ id: 2 }]);
    expect(await countRows(table)).toBe(2);
  });

  it('rolls back the first write when the second query fails', async () => {
    const table = await makeTable();
    const sql = neon(db.url);
    const batch = sql.transaction([
      sql`INSERT INTO ${sql.unsafe(table)} VALUES (1, ${'x@example.com'})`,
      sql`INSERT INTO ${sql.unsafe(table)} VALUES (1, ${'y@example.com'})`,
    ]);
    await expect(batch).rejects.toMatchObject({ code: '23505', constraint: `${table}_pkey` });
    expect(await countRows(table)).toBe(0);
    // The pooled upstream connection must not be left inside the failed transaction.
    expect(await sql`SELECT current_setting('transaction_isolation') AS level`).toEqual([
      { level: 'read committed' },
    ]);
  });

  it('refuses a write in a read-only batch', async () => {
    const table = await makeTable();
    const sql = neon(db.url);
    const batch = sql.transaction([sql`INSERT INTO ${sql.unsafe(table)} VALUES (1, 'r@o')`], {
      readOnly: true,
    });
    await expect(batch).rejects.toMatchObject({ code: '25006' });
    expect(await countRows(table)).toBe(0);
  });

  it('applies isolation level, read-only and deferrable from the batch headers', async () => {
    const sql = neon(db.url);
    const settings = sql`SELECT current_setting('transaction_isolation') AS iso,
      current_setting('transaction_read_only') AS ro,
      current_setting('transaction_deferrable') AS def`;
    const [strict] = await sql.transaction([settings], {
      isolationLevel: 'Serializable',
      readOnly: true,
      deferrable: true,
    });
    expect(strict).toEqual([{ iso: 'serializable', ro: 'on', def: 'on' }]);
    const [plain] = await sql.transaction([settings], { isolationLevel: 'RepeatableRead' });
    expect(plain).toEqual([{ iso: 'repeatable read', ro: 'off', def: 'off' }]);
  });
});
