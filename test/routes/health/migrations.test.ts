import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import journal from '../../../drizzle/meta/_journal.json';
import { createApp } from '../../../src/app.ts';
import { createHttpDatabase } from '../../../src/db/client.ts';
import { readConfig } from '../../../src/env.ts';
import { expectProblem } from '../../helpers/api.ts';
import { appClient } from '../../helpers/http.ts';

const unmigrated = { DATABASE_URL: env.UNMIGRATED_DATABASE_URL };

describe('GET /health/ready and migrations', () => {
  it('answers 503 naming every missing migration when the database was never migrated', async () => {
    const response = await appClient(createApp(), unmigrated).get('/health/ready');
    const { detail } = await expectProblem(response, 503);
    expect(detail).toContain(`missing ${journal.entries.length} migration(s)`);
  });

  it('counts only the migrations not recorded yet', async () => {
    const db = createHttpDatabase(readConfig({ ...env, ...unmigrated }));
    const first = journal.entries[0]?.when ?? 0;
    await db.execute(sql`create schema if not exists drizzle`);
    await db.execute(sql`create table if not exists drizzle.__drizzle_migrations
      (id serial primary key, hash text not null, created_at bigint)`);
    await db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at)
      select 'test', ${first} where not exists
        (select 1 from drizzle.__drizzle_migrations where created_at = ${first})`);
    const response = await appClient(createApp(), unmigrated).get('/health/ready');
    const { detail } = await expectProblem(response, 503);
    expect(detail).toContain(`missing ${journal.entries.length - 1} migration(s)`);
  });
});
