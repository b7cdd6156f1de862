/** Migrations merged in with older timestamps, and migrations that fail, in throwaway folders. */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { withClient } from './database.ts';
import {
  captureIo,
  type FolderMigration,
  makeMigrationsFolder,
  openTestDatabase,
  query,
  removeFolder,
  type TestDatabase,
  writeMigrationsFolder,
} from './test-support.ts';

const TABLE = 'drizzle.__drizzle_migrations';
const create = (tag: string, when: number, table: string): FolderMigration => ({
  tag,
  when,
  up: [`CREATE TABLE "${table}" (id int)`],
  down: [`DROP TABLE "${table}"`],
});

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

async function tableExists(name: string): Promise<boolean> {
  const result = await query(database.url, 'SELECT to_regclass($1) IS NOT NULL AS found', [name]);
  return result.rows[0]?.found === true;
}

it('applies a merged migration older than the newest applied one', async () => {
  const base = create('0000_base', 1_000, 'base');
  const main = create('0001_main', 3_000, 'from_main');
  folder = makeMigrationsFolder([base, main]);
  expect((await db('migrate')).code).toBe(0);

  // The branch's migration was generated before main's but is merged after it was applied.
  writeMigrationsFolder(folder, [base, main, create('0002_feature', 2_000, 'from_feature')]);
  await withClient(database.url, (client) =>
    drizzleMigrate(drizzle({ client }), {
      migrationsFolder: folder,
      migrationsSchema: 'drizzle',
      migrationsTable: '__drizzle_migrations',
    }),
  );
  // drizzle's timestamp high-water mark skips it silently: the bug this tooling avoids.
  expect(await tableExists('from_feature')).toBe(false);
  const behind = await db('status');
  expect(behind.code).toBe(1);
  expect(behind.stdout).toContain('pending   0002_feature');

  const migrated = await db('migrate');
  expect(migrated.code).toBe(0);
  expect(migrated.stdout).toContain('applied 0002_feature');
  expect(await tableExists('from_feature')).toBe(true);
  expect((await db('status')).code).toBe(0);
});

it('rolls back only the failing migration and exits non-zero', async () => {
  folder = makeMigrationsFolder([
    create('0000_ok', 1_000, 'first'),
    { tag: '0001_broken', when: 2_000, up: ['CREATE TABLE "half" (id int)', 'SELECT * FROM nope'] },
    create('0002_after', 3_000, 'after'),
  ]);
  const { code, stdout, stderr } = await db('migrate');
  expect(code).toBe(1);
  expect(stdout).toContain('applied 0000_ok');
  expect(stdout).not.toContain('applied 0001_broken');
  expect(stderr[0]).toMatch(/^error: 0001_broken: statement 2 of 2 failed: .*"nope"/);
  expect(stderr).toContain('SELECT * FROM nope');
  expect(stderr).toContain('0001_broken was rolled back; 1 migration(s) before it stay applied');
  expect(await tableExists('first')).toBe(true);
  expect(await tableExists('half')).toBe(false);
  expect(await tableExists('after')).toBe(false);
  const rows = await query(database.url, `SELECT created_at FROM ${TABLE}`);
  expect(rows.rows.map((row) => Number(row.created_at))).toEqual([1_000]);
  expect((await db('status')).stdout).toEqual(
    expect.arrayContaining(['applied   0000_ok', 'pending   0001_broken', 'pending   0002_after']),
  );
});

it('refuses a rollback without a usable down file, changing nothing', async () => {
  const first = create('0000_a', 1_000, 'a');
  const { down: _, ...withoutDown } = create('0001_b', 2_000, 'b');
  folder = makeMigrationsFolder([first, withoutDown]);
  expect((await db('migrate')).code).toBe(0);

  for (const steps of ['1', '2']) {
    const refused = await db('rollback', '--steps', steps);
    expect(refused.code).toBe(1);
    expect(refused.stderr[0]).toBe('error: refusing to roll back 0001_b: no down file');
  }
  writeMigrationsFolder(folder, [first, { ...withoutDown, down: ['-- nothing yet'] }]);
  const empty = await db('rollback');
  expect(empty.stderr[0]).toMatch(/0001_b: its down file has no statements/);
  expect((await db('status')).code).toBe(0);
  expect(await tableExists('b')).toBe(true);
});

it('undoes the whole rollback when a down statement fails', async () => {
  // Newest first: 0001_b's down succeeds, then 0000_a's fails, so 0001_b's must be undone too.
  folder = makeMigrationsFolder([
    { ...create('0000_a', 1_000, 'a'), down: ['DROP TABLE "missing"'] },
    create('0001_b', 2_000, 'b'),
  ]);
  expect((await db('migrate')).code).toBe(0);
  const failed = await db('rollback', '--steps', '2');
  expect(failed.code).toBe(1);
  expect(failed.stderr[0]).toMatch(/^error: 0000_a \(down\): statement 1 of 1 failed/);
  expect(failed.stderr).toContain('nothing was rolled back');
  expect((await db('status')).code).toBe(0);
  expect(await tableExists('a')).toBe(true);
  expect(await tableExists('b')).toBe(true);
});
