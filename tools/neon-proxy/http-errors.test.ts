/** POST /sql error answers carry Neon's statuses, messages and every one of its error fields. */
import { neon } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NeonProxy, startNeonProxy } from './server.ts';
import {
  pointDriverAt,
  postSql,
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

const fieldNames = [
  'message',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'severity',
  'where',
  'table',
  'column',
  'schema',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
];

/** What Neon sends for an error that did not come from Postgres. */
const notFromPostgres = (message: string) => ({
  ...Object.fromEntries(fieldNames.map((name) => [name, null])),
  message,
  code: '',
  severity: '',
});

const withDb = () => ({ 'Neon-Connection-String': db.url });

describe('errors from Postgres', () => {
  it('are 400 with every field present, null where Postgres sent none', async () => {
    const answer = await postSql(proxy, { query: 'SELECT 1 FROM WHERE', params: [] }, withDb());
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body).sort()).toEqual([...fieldNames].sort());
    expect(answer.body).toMatchObject({
      message: 'syntax error at or near "WHERE"',
      code: '42601',
      severity: 'ERROR',
      position: '15',
      detail: null,
      constraint: null,
      internalQuery: null,
    });
  });

  it('reach the driver as a NeonDbError with the same fields', async () => {
    await expect(neon(db.url).query('SELECT $1::int', ['x'])).rejects.toMatchObject({
      name: 'NeonDbError',
      code: '22P02',
      message: 'invalid input syntax for type integer: "x"',
      detail: undefined,
    });
  });
});

describe('connection failures', () => {
  it.each([
    ['28P01', 'password authentication failed for user "postgres"'],
    ['53300', 'sorry, too many clients already'],
  ])('are 500 with the fields of the Postgres that refused (%s)', async (code, message) => {
    const refusing = await startRefusingPostgres(code, message);
    try {
      const url = withAddress(db.url, '127.0.0.1', refusing.port);
      const answer = await postSql(proxy, { query: 'SELECT 1' }, { 'Neon-Connection-String': url });
      expect(answer).toEqual({
        status: 500,
        body: { ...notFromPostgres(message), code, severity: 'FATAL' },
      });
      // Not a 400, so the driver reports it as a server error and the app as "unavailable".
      await expect(neon(url)`SELECT 1`).rejects.toThrow(/HTTP status 500.*"code":"\w+"/);
    } finally {
      await refusing.close();
    }
  });

  it('are 500 when nothing listens at the address', async () => {
    const url = withAddress(db.url, '127.0.0.1', 1);
    const answer = await postSql(proxy, { query: 'SELECT 1' }, { 'Neon-Connection-String': url });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual(
      notFromPostgres(expect.stringMatching(/^error connecting to server: .*ECONNREFUSED/)),
    );
  });
});

describe('requests Neon refuses', () => {
  it.each([
    ['no connection string', undefined, 'invalid header: neon-connection-string'],
    ['a string that is not a URL', 'not a url', 'invalid connection string: not a URL'],
    ['another scheme', 'mysql://u:p@127.0.0.1/db', 'incorrect scheme'],
    ['no database', 'postgresql://u:p@127.0.0.1:5432', 'missing database name'],
    ['no user', 'postgresql://:p@127.0.0.1:5432/db', 'missing username'],
    [
      'no password',
      'postgresql://u@127.0.0.1:5432/db',
      'missing authentication credentials: required password',
    ],
  ])('answers 400 for %s', async (_case, connection, message) => {
    const headers: Record<string, string> = connection
      ? { 'Neon-Connection-String': connection }
      : {};
    const before = proxy.stats().httpPoolConnections;
    const answer = await postSql(proxy, { query: 'SELECT 1' }, headers);
    expect(answer).toEqual({ status: 400, body: notFromPostgres(message) });
    expect(proxy.stats().httpPoolConnections).toBe(before);
  });

  it.each([
    ['invalid JSON', '{"query":', {}, /^could not parse the HTTP request body: /],
    ['no query', '{"params":[]}', {}, /^could not parse the HTTP request body: /],
    [
      'a bad batch entry',
      '{"queries":[{"query":1}]}',
      {},
      /^could not parse the HTTP request body/,
    ],
    [
      'an unknown isolation level',
      '{"queries":[]}',
      { 'Neon-Batch-Isolation-Level': 'Chaos' },
      /^invalid isolation level$/,
    ],
  ])('answers 400 for %s', async (_case, body, headers, message) => {
    const answer = await postSql(proxy, body, { ...withDb(), ...headers });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(notFromPostgres(expect.stringMatching(message)));
  });

  it('never echoes the connection string or its password', async () => {
    const secret = 's3cret-pw';
    for (const connection of [
      `mysql://user:${secret}@127.0.0.1/db`,
      `postgresql://u:${secret}@h`,
    ]) {
      const answer = await postSql(
        proxy,
        { query: 'SELECT 1' },
        { 'Neon-Connection-String': connection },
      );
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain(secret);
    }
  });
});
