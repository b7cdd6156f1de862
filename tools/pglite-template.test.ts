/** In-memory PGlite instances start from the saved empty cluster: usable, empty and independent. */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './pglite-server.ts';
import { TEMPLATE_PATH } from './pglite-template.ts';

const started: EmbeddedPostgres[] = [];
afterAll(async () => {
  for (const db of started) await db.close();
});

async function sql(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

it('starts each instance empty, from the saved cluster, with its own data', async () => {
  const [first, second] = await Promise.all([startEmbeddedPostgres(), startEmbeddedPostgres()]);
  started.push(first, second);
  expect(existsSync(TEMPLATE_PATH)).toBe(true);
  await sql(first.url, 'create table only_here (id int); insert into only_here values (1)');
  expect(await sql(first.url, 'select id from only_here')).toEqual([{ id: 1 }]);
  const tables = `select table_name from information_schema.tables where table_schema = 'public'`;
  expect(await sql(second.url, tables)).toEqual([]);
  expect(await sql(second.url, 'select current_database() as db')).toEqual([{ db: 'postgres' }]);
});
