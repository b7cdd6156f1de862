/**
 * Our rows and drizzle-orm's migrator (what drizzle-kit migrate runs) must stay interchangeable.
 * Where drizzle applies migrations itself, a fixture folder stands in for drizzle/: drizzle cannot
 * apply a no-transaction migration (no-transaction.test.ts), and drizzle/ may gain one.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { withClient } from './database.ts';
import { readMigrations } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER } from './options.ts';
import { snapshotSchema } from './schema-snapshot.ts';
import {
  captureIo,
  makeMigrationsFolder,
  openTestDatabase,
  query,
  removeFolder,
  type TestDatabase,
} from './test-support.ts';
import { migrate } from './up.ts';

const FIXTURE = [
  { tag: '0000_a', when: 1_000, up: ['CREATE TABLE "a" (id int)'], down: ['DROP TABLE "a"'] },
  { tag: '0001_b', when: 2_000, up: ['CREATE TABLE "b" (id int)'], down: ['DROP TABLE "b"'] },
];
const ROWS =
  'SELECT id, hash, created_at, applied_at FROM drizzle.__drizzle_migrations ORDER BY id';

let database: TestDatabase;
let fixture: string;
beforeEach(async () => {
  database = await openTestDatabase();
  fixture = makeMigrationsFolder(FIXTURE);
});
afterEach(async () => {
  removeFolder(fixture);
  await database.close();
});

/** drizzle-orm's migrator with the settings drizzle.config.ts gives drizzle-kit migrate. */
function runDrizzleMigrator(folder: string): Promise<void> {
  return withClient(database.url, (client) =>
    drizzleMigrate(drizzle({ client }), {
      migrationsFolder: folder,
      migrationsSchema: 'drizzle',
      migrationsTable: '__drizzle_migrations',
    }),
  );
}

it('leaves drizzle-orm nothing to apply after our migrate', async () => {
  await withClient(database.url, (client) => migrate(client));
  const rows = (await query(database.url, ROWS)).rows;
  const schema = await withClient(database.url, (client) => snapshotSchema(client));
  const migrations = readMigrations(DEFAULT_MIGRATIONS_FOLDER);
  expect(rows.map((row) => [row.hash, Number(row.created_at)])).toEqual(
    migrations.map((migration) => [migration.hash, migration.when]),
  );

  await runDrizzleMigrator(DEFAULT_MIGRATIONS_FOLDER);
  expect((await query(database.url, ROWS)).rows).toEqual(rows);
  expect(await withClient(database.url, (client) => snapshotSchema(client))).toEqual(schema);
});

it('accepts a table drizzle created, keeping applied_at unknown for its rows', async () => {
  await runDrizzleMigrator(fixture);
  const migrated = await withClient(database.url, (client) => migrate(client, { folder: fixture }));
  expect(migrated.applied).toEqual([]);
  expect((await query(database.url, ROWS)).rows.map((row) => row.applied_at)).toEqual([null, null]);
  const io = captureIo({ DATABASE_URL: database.url }, fixture);
  expect(await runCli(['status'], io)).toBe(0);
  expect(await runCli(['history'], io)).toBe(0);
  expect(io.stdout.find((line) => line.startsWith('0001_b '))).toMatch(/ yes +unknown$/);
});

it('lets drizzle-orm insert into our table, the default filling applied_at', async () => {
  await withClient(database.url, (client) => migrate(client, { folder: fixture, to: '0000_a' }));
  await runDrizzleMigrator(fixture);
  const rows = (await query(database.url, ROWS)).rows;
  expect(rows.map((row) => row.hash)).toEqual(readMigrations(fixture).map((m) => m.hash));
  expect(rows.every((row) => row.applied_at instanceof Date)).toBe(true);
  expect(await runCli(['status'], captureIo({ DATABASE_URL: database.url }, fixture))).toBe(0);
});
