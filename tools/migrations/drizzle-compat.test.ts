/** Our rows and drizzle-orm's migrator (what drizzle-kit migrate runs) must stay interchangeable. */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { withClient } from './database.ts';
import { readMigrations } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER } from './options.ts';
import { snapshotSchema } from './schema-snapshot.ts';
import { captureIo, openTestDatabase, query, type TestDatabase } from './test-support.ts';
import { migrate } from './up.ts';

const [FIRST, LAST] = readMigrations(DEFAULT_MIGRATIONS_FOLDER);
const ROWS =
  'SELECT id, hash, created_at, applied_at FROM drizzle.__drizzle_migrations ORDER BY id';

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await database.close();
});

/** drizzle-orm's migrator with the settings drizzle.config.ts gives drizzle-kit migrate. */
function runDrizzleMigrator(): Promise<void> {
  return withClient(database.url, (client) =>
    drizzleMigrate(drizzle({ client }), {
      migrationsFolder: DEFAULT_MIGRATIONS_FOLDER,
      migrationsSchema: 'drizzle',
      migrationsTable: '__drizzle_migrations',
    }),
  );
}

it('leaves drizzle-orm nothing to apply after our migrate', async () => {
  await withClient(database.url, (client) => migrate(client));
  const rows = (await query(database.url, ROWS)).rows;
  const schema = await withClient(database.url, (client) => snapshotSchema(client));
  expect(rows.map((row) => [row.hash, Number(row.created_at)])).toEqual([
    [FIRST?.hash, FIRST?.when],
    [LAST?.hash, LAST?.when],
  ]);

  await runDrizzleMigrator();
  expect((await query(database.url, ROWS)).rows).toEqual(rows);
  expect(await withClient(database.url, (client) => snapshotSchema(client))).toEqual(schema);
});

it('accepts a table drizzle created, keeping applied_at unknown for its rows', async () => {
  await runDrizzleMigrator();
  const migrated = await withClient(database.url, (client) => migrate(client));
  expect(migrated.applied).toEqual([]);
  expect((await query(database.url, ROWS)).rows.map((row) => row.applied_at)).toEqual([null, null]);
  const io = captureIo({ DATABASE_URL: database.url });
  expect(await runCli(['status'], io)).toBe(0);
  expect(await runCli(['history'], io)).toBe(0);
  expect(io.stdout.find((line) => line.startsWith(`${LAST?.tag} `))).toMatch(/ yes +unknown$/);
});

it('lets drizzle-orm insert into our table, the default filling applied_at', async () => {
  await withClient(database.url, (client) => migrate(client, { to: FIRST?.tag }));
  await runDrizzleMigrator();
  const rows = (await query(database.url, ROWS)).rows;
  expect(rows.map((row) => row.hash)).toEqual([FIRST?.hash, LAST?.hash]);
  expect(rows.every((row) => row.applied_at instanceof Date)).toBe(true);
  expect(await runCli(['status'], captureIo({ DATABASE_URL: database.url }))).toBe(0);
});
