/** db:rollback --to <tag>: everything applied after the tag, newest first, in one transaction. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import {
  captureIo,
  type FolderMigration,
  makeMigrationsFolder,
  openTestDatabase,
  query,
  removeFolder,
  type TestDatabase,
} from './test-support.ts';

const create = (tag: string, when: number, table: string): FolderMigration => ({
  tag,
  when,
  up: [`CREATE TABLE "${table}" (id int)`],
  down: [`DROP TABLE "${table}"`],
});
const [A, B, C] = [
  create('0000_a', 1_000, 'a'),
  create('0001_b', 2_000, 'b'),
  create('0002_c', 3_000, 'c'),
];

let database: TestDatabase;
let folder: string;
beforeEach(async () => {
  database = await openTestDatabase();
  folder = makeMigrationsFolder([A, B, C]);
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

async function tables(): Promise<string[]> {
  const result = await query(
    database.url,
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  return result.rows.map((row) => row.tablename);
}

it('undoes every migration after the tag, newest first', async () => {
  expect((await db('migrate')).code).toBe(0);
  const { code, stdout, stderr } = await db('rollback', '--to', '0000_a');
  expect(code, stderr.join('\n')).toBe(0);
  expect(stdout.slice(1)).toEqual([
    'rolled back 0002_c',
    'rolled back 0001_b',
    'current revision: 0000_a',
  ]);
  expect(await tables()).toEqual(['a']);
  expect((await db('status')).stdout).toEqual(
    expect.arrayContaining(['applied   0000_a', 'pending   0001_b', 'pending   0002_c']),
  );
});

it('changes nothing when a down file fails, since all of it is one transaction', async () => {
  // 0002_c's down runs first and succeeds; 0001_b's then fails, so 0002_c's must be undone too.
  removeFolder(folder);
  folder = makeMigrationsFolder([A, { ...B, down: ['DROP TABLE "missing"'] }, C]);
  expect((await db('migrate')).code).toBe(0);
  const { code, stderr } = await db('rollback', '--to', '0000_a');
  expect(code).toBe(1);
  expect(stderr[0]).toMatch(/^error: 0001_b \(down\): statement 1 of 1 failed/);
  expect(stderr).toContain('nothing was rolled back');
  expect(await tables()).toEqual(['a', 'b', 'c']);
  expect((await db('status')).code).toBe(0);
});

it('does nothing when the tag is the current revision', async () => {
  await db('migrate');
  const { code, stdout } = await db('rollback', '--to', '0002_c');
  expect(code).toBe(0);
  expect(stdout.slice(1)).toEqual(['nothing to roll back', 'current revision: 0002_c']);
});

it('refuses an unknown tag and a tag that is not applied, changing nothing', async () => {
  await db('migrate', '--to', '0001_b');
  const unknown = await db('rollback', '--to', '0099_nope');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr[0]).toBe(
    'error: unknown migration 0099_nope; the journal has: 0000_a, 0001_b, 0002_c, head',
  );
  const pending = await db('rollback', '--to', '0002_c');
  expect(pending.code).toBe(1);
  expect(pending.stderr[0]).toBe(
    'error: cannot roll back to 0002_c: it is not applied, so it cannot be what remains ' +
      '(current revision: 0001_b); `db:rollback -- --to` goes back to an applied migration',
  );
  expect(await tables()).toEqual(['a', 'b']);
});

it('takes --steps or --to, not both', async () => {
  const both = await db('rollback', '--steps', '1', '--to', '0000_a');
  expect(both.code).toBe(2);
  expect(both.stderr[0]).toBe('error: give --steps or --to, not both');
});
