/** Migrations marked `-- no-transaction` in their down file: CREATE INDEX CONCURRENTLY and kin. */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { type Client, withClient } from './database.ts';
import {
  captureIo,
  type FolderMigration,
  makeMigrationsFolder,
  openTestDatabase,
  query,
  removeFolder,
  type TestDatabase,
} from './test-support.ts';

const EVENTS: FolderMigration = {
  tag: '0000_events',
  when: 1_000,
  up: ['CREATE TABLE "events" (id serial PRIMARY KEY, payload text)'],
  down: ['DROP TABLE "events"'],
};
const INDEX: FolderMigration = {
  tag: '0001_events_payload_idx',
  when: 2_000,
  up: ['CREATE INDEX CONCURRENTLY "events_payload_idx" ON "events" ("payload")'],
  down: [
    '-- no-transaction: built and dropped without blocking writes to events\n' +
      'DROP INDEX CONCURRENTLY "events_payload_idx"',
  ],
};
const COLUMN: FolderMigration = {
  tag: '0002_events_kind',
  when: 3_000,
  up: ['ALTER TABLE "events" ADD COLUMN "kind" text'],
  down: ['ALTER TABLE "events" DROP COLUMN "kind"'],
};
const INDEX_VALID = `SELECT indisvalid AS valid FROM pg_index
  WHERE indexrelid = to_regclass('events_payload_idx')`;

let database: TestDatabase;
let folder: string;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  removeFolder(folder);
  await database.close();
});

async function db(...argv: string[]) {
  const io = captureIo({ DATABASE_URL: database.url }, folder);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

// PGlite runs one backend, so another connection's open transaction blocks every statement:
// writes cannot overlap an index build there, and only real Postgres can show that they do.
it.skipIf(!process.env.TEST_DATABASE_URL)(
  'builds an index CONCURRENTLY while writes to the table continue',
  async () => {
    folder = makeMigrationsFolder([EVENTS, INDEX]);
    expect((await db('migrate', '--to', EVENTS.tag)).code).toBe(0);
    await withClient(database.url, (open) =>
      withClient(database.url, async (writer) => {
        // The build waits for this open write to finish, so it stays in progress meanwhile.
        await open.query('BEGIN');
        await open.query(`INSERT INTO events (payload) VALUES ('open')`);
        const migrating = db('migrate');
        await untilBuildPhase(writer, 'waiting for writers before build');
        // A plain CREATE INDEX would block these until the build ended: fail rather than hang.
        await writer.query(`SET lock_timeout = '10s'`);
        for (let i = 0; i < 20; i += 1) {
          await writer.query('INSERT INTO events (payload) VALUES ($1)', [`during ${i}`]);
        }
        expect(await buildPhase(writer)).toBe('waiting for writers before build');
        await open.query('COMMIT');
        const migrated = await migrating;
        expect(migrated.code, migrated.stderr.join('\n')).toBe(0);
      }),
    );
    expect((await query(database.url, INDEX_VALID)).rows).toEqual([{ valid: true }]);
    expect((await query(database.url, 'SELECT count(*)::int AS n FROM events')).rows).toEqual([
      { n: 21 },
    ]);
    expect((await db('status')).code).toBe(0);
  },
);

async function buildPhase(client: Client): Promise<string | undefined> {
  const result = await client.query<{ phase: string }>(
    `SELECT phase FROM pg_stat_progress_create_index WHERE relid = to_regclass('events')`,
  );
  return result.rows[0]?.phase;
}

/** Polls (each poll is a round trip, no sleeping) until the index build reaches `phase`. */
async function untilBuildPhase(client: Client, phase: string): Promise<void> {
  for (let attempt = 0; attempt < 100_000; attempt += 1) {
    if ((await buildPhase(client)) === phase) return;
  }
  throw new Error(`the index build never reached "${phase}"`);
}

it('runs a marked migration outside a transaction, up and down', async () => {
  folder = makeMigrationsFolder([EVENTS, INDEX]);
  const migrated = await db('migrate');
  expect(migrated.code, migrated.stderr.join('\n')).toBe(0);
  expect((await query(database.url, INDEX_VALID)).rows).toEqual([{ valid: true }]);
  const rolledBack = await db('rollback');
  expect(rolledBack.code, rolledBack.stderr.join('\n')).toBe(0);
  expect((await query(database.url, INDEX_VALID)).rows).toEqual([]);
  expect((await db('status')).stdout).toContain(`pending   ${INDEX.tag}`);
});

it('without the marker, reports Postgres refusing and names the marker', async () => {
  folder = makeMigrationsFolder([EVENTS, { ...INDEX, down: ['DROP INDEX "events_payload_idx"'] }]);
  const { code, stderr } = await db('migrate');
  expect(code).toBe(1);
  expect(stderr[0]).toMatch(/cannot run inside a transaction block/);
  expect(stderr).toContain(
    `hint: to run ${INDEX.tag} outside a transaction, make "-- no-transaction: <why>" ` +
      'the first line of its down file (README, Migrations)',
  );
  expect((await db('status')).stdout).toContain(`pending   ${INDEX.tag}`);
});

it('says which statements stay committed when a step without a transaction fails', async () => {
  const broken = { ...INDEX, up: ['CREATE TABLE "kept" (id int)', 'SELECT * FROM nope'] };
  folder = makeMigrationsFolder([EVENTS, broken]);
  const { code, stderr } = await db('migrate');
  expect(code).toBe(1);
  expect(stderr.at(-1)).toMatch(
    new RegExp(`^${INDEX.tag} runs outside a transaction: the statements before the failing one`),
  );
  expect((await query(database.url, `SELECT to_regclass('kept') AS t`)).rows).toEqual([
    { t: 'kept' },
  ]);
  expect((await db('status')).stdout).toContain(`pending   ${INDEX.tag}`);
});

it('rolls back across it in parts: newer migrations in one transaction, then it alone', async () => {
  folder = makeMigrationsFolder([EVENTS, INDEX, COLUMN]);
  expect((await db('migrate')).code).toBe(0);
  const script = (await db('rollback', '--to', EVENTS.tag, '--sql')).stdout;
  const at = (start: string) => script.findIndex((line) => line.startsWith(start));
  expect(at(`-- ${COLUMN.tag} (down)`)).toBeGreaterThan(at('BEGIN;'));
  expect(at('COMMIT;')).toBeLessThan(at('-- no-transaction:'));
  expect(script).toContain('DROP INDEX CONCURRENTLY "events_payload_idx";');
  expect(script.filter((line) => line === 'BEGIN;')).toHaveLength(1);

  const { code, stdout, stderr } = await db('rollback', '--to', EVENTS.tag);
  expect(code, stderr.join('\n')).toBe(0);
  expect(stdout.slice(1, 3)).toEqual([`rolled back ${COLUMN.tag}`, `rolled back ${INDEX.tag}`]);
  expect((await db('status')).stdout).toContain(`current revision: ${EVENTS.tag}`);
});

it('cannot be applied by drizzle-kit migrate, which then applies nothing', async () => {
  folder = makeMigrationsFolder([EVENTS, INDEX]);
  const drizzleMigrator = () =>
    withClient(database.url, (client) =>
      drizzleMigrate(drizzle({ client }), {
        migrationsFolder: folder,
        migrationsSchema: 'drizzle',
        migrationsTable: '__drizzle_migrations',
      }),
    );
  // drizzle runs every pending migration in one transaction, which Postgres refuses here.
  await expect(drizzleMigrator()).rejects.toThrow();
  expect((await query(database.url, `SELECT to_regclass('events') AS t`)).rows).toEqual([
    { t: null },
  ]);
  expect((await db('migrate')).code).toBe(0);
  await drizzleMigrator();
  expect((await db('status')).code).toBe(0);
});
