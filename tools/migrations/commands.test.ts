/** The commands end to end in-process: output lines, exit codes and what the database holds. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_DATABASE_MESSAGE } from '../dev-database.ts';
import { runCli } from './cli.ts';
import { withClient } from './database.ts';
import { readMigrations } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER } from './options.ts';
import { snapshotSchema } from './schema-snapshot.ts';
import { captureIo, openTestDatabase, query, type TestDatabase } from './test-support.ts';

// Written for any number of migrations: others are added over time.
const MIGRATIONS = readMigrations(DEFAULT_MIGRATIONS_FOLDER);
const TAGS = MIGRATIONS.map((m) => m.tag);
const [FIRST] = TAGS;
const [BEFORE_LAST, LAST] = TAGS.slice(-2);
const TABLE = 'drizzle.__drizzle_migrations';

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await database.close();
});

/** Runs one command against the test database; returns its exit code and output. */
async function db(...argv: string[]) {
  const io = captureIo({ DATABASE_URL: database.url });
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function recordCount(): Promise<number> {
  return (await query(database.url, `SELECT * FROM ${TABLE}`)).rowCount ?? 0;
}

describe('migrate, status, rollback', () => {
  it('applies everything, rolls the last back, and applies it again', async () => {
    expect((await db('status')).code).toBe(1);
    const migrated = await db('migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toEqual(expect.arrayContaining(TAGS.map((tag) => `applied ${tag}`)));
    const clean = await db('status');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain(`current revision: ${LAST}`);
    expect(clean.stdout).toContain(`applied   ${LAST}`);

    const rolledBack = await db('rollback');
    expect(rolledBack).toMatchObject({ code: 0, stderr: [] });
    expect(rolledBack.stdout).toContain(`rolled back ${LAST}`);
    const behind = await db('status');
    expect(behind.code).toBe(1);
    expect(behind.stdout).toContain(`current revision: ${BEFORE_LAST}`);
    expect(behind.stdout).toContain(`pending   ${LAST}`);

    expect((await db('migrate')).stdout).toContain(`applied ${LAST}`);
    expect((await db('status')).code).toBe(0);
    expect((await db('migrate')).stdout).toContain('nothing to apply');
  });

  it('shows when each migration was generated and applied', async () => {
    await db('migrate', '--to', FIRST ?? '');
    const { code, stdout } = await db('history');
    expect(code).toBe(0);
    const [first, last] = [MIGRATIONS[0], MIGRATIONS.at(-1)];
    const firstLine = stdout.find((line) => line.startsWith(`${FIRST} `));
    expect(firstLine).toContain(new Date(first?.when ?? 0).toISOString());
    expect(firstLine).toMatch(/ yes +\d{4}-\d\d-\d\dT/);
    const lastLine = stdout.find((line) => line.startsWith(`${LAST} `));
    expect(lastLine).toContain(new Date(last?.when ?? 0).toISOString());
    expect(lastLine).toMatch(/ no +-$/);
  });

  it('rolls back several migrations newest first', async () => {
    await db('migrate');
    const { code, stdout } = await db('rollback', '--steps', `${TAGS.length}`);
    expect(code).toBe(0);
    expect(stdout.filter((line) => line.startsWith('rolled back'))).toEqual(
      TAGS.toReversed().map((tag) => `rolled back ${tag}`),
    );
    expect(await recordCount()).toBe(0);
    const tables = await query(database.url, `SELECT to_regclass('public.users') AS users`);
    expect(tables.rows[0]).toEqual({ users: null });
  });

  it('rolls back to the first migration, leaving exactly it applied', async () => {
    await db('migrate');
    const { code, stdout } = await db('rollback', '--to', FIRST ?? '');
    expect(code).toBe(0);
    expect(stdout.filter((line) => line.startsWith('rolled back'))).toEqual(
      TAGS.slice(1)
        .reverse()
        .map((tag) => `rolled back ${tag}`),
    );
    expect(stdout).toContain(`current revision: ${FIRST}`);
    expect(await recordCount()).toBe(1);
  });

  it('refuses to roll back more than is applied, changing nothing', async () => {
    await db('migrate', '--to', FIRST ?? '');
    const { code, stderr } = await db('rollback', '--steps', '2');
    expect(code).toBe(1);
    expect(stderr.join('\n')).toMatch(/only 1 migration/);
    expect(await recordCount()).toBe(1);
  });
});

describe('stamp', () => {
  it('records a schema created by hand without running anything', async () => {
    await withClient(database.url, async (client) => {
      for (const migration of MIGRATIONS) {
        for (const statement of migration.statements) await client.query(statement);
      }
    });
    const before = await withClient(database.url, (client) => snapshotSchema(client));
    const stamped = await db('stamp', 'head');
    expect(stamped.code).toBe(0);
    expect(stamped.stdout).toEqual(expect.arrayContaining(TAGS.map((tag) => `stamped ${tag}`)));
    expect((await db('status')).code).toBe(0);
    expect((await db('migrate')).stdout).toContain('nothing to apply');
    expect(await withClient(database.url, (client) => snapshotSchema(client))).toEqual(before);
  });

  it('skips recorded migrations and stops at the tag', async () => {
    expect((await db('stamp', FIRST ?? '')).stdout).toContain(`stamped ${FIRST}`);
    expect(await recordCount()).toBe(1);
    const again = await db('stamp', 'head');
    expect(again.stdout.filter((line) => line.startsWith('stamped'))).toEqual(
      TAGS.slice(1).map((tag) => `stamped ${tag}`),
    );
    expect((await db('stamp', 'head')).stdout).toContain(
      'nothing to stamp: head and earlier are recorded',
    );
    expect(await recordCount()).toBe(TAGS.length);
  });

  it('rejects an unknown tag', async () => {
    const { code, stderr } = await db('stamp', '0099_nope');
    expect(code).toBe(1);
    expect(stderr.join('\n')).toMatch(/unknown migration 0099_nope/);
    expect((await db('stamp')).code).toBe(2);
  });
});

describe('inconsistent records', () => {
  it('reports a migration whose file changed after it was applied as modified', async () => {
    await db('migrate');
    await query(database.url, `UPDATE ${TABLE} SET hash = 'tampered' WHERE created_at = $1`, [
      MIGRATIONS.at(-1)?.when,
    ]);
    const status = await db('status');
    expect(status.code).toBe(1);
    expect(status.stdout.find((line) => line.startsWith('modified'))).toMatch(
      new RegExp(`^modified +${LAST} \\(recorded hash tampered, file hash [0-9a-f]{12}…\\)$`),
    );
    expect(status.stdout).toContain(`current revision: ${BEFORE_LAST}`);
    expect(status.stdout.some((line) => line.startsWith('unknown'))).toBe(false);

    const migrate = await db('migrate');
    expect(migrate.code).toBe(1);
    expect(migrate.stderr.join('\n')).toMatch(`refusing to migrate: ${LAST}`);
    expect((await db('rollback')).code).toBe(1);
    expect(await recordCount()).toBe(TAGS.length);
  });

  it('reports a row matching no journal entry as unknown', async () => {
    await db('migrate');
    await query(database.url, `INSERT INTO ${TABLE} (hash, created_at) VALUES ('stray', 42)`);
    const status = await db('status');
    expect(status.code).toBe(1);
    const unknown = status.stdout.filter((line) => line.startsWith('unknown'));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/hash stray, created_at 42 \(1970-01-01T00:00:00\.042Z\)/);
    expect(status.stdout).toContain(
      `summary: ${TAGS.length} applied, 0 pending, 0 modified, 1 unknown`,
    );

    const migrate = await db('migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.stderr.join('\n')).toMatch(/1 migration row\(s\) match no journal entry/);
  });
});

describe('usage', () => {
  it('exits 2 without DATABASE_URL or with bad arguments', async () => {
    const io = captureIo({});
    expect(await runCli(['status'], io)).toBe(2);
    expect(io.stderr[0]).toBe(`error: ${NO_DATABASE_MESSAGE}`);
    expect((await db('rollback', '--steps', 'two')).code).toBe(2);
    expect((await db('rollback', '--steps', '0')).code).toBe(2);
    expect((await db('status', '--verbose')).code).toBe(2);
    expect((await db('frobnicate')).code).toBe(2);
    expect((await db('generate')).code).toBe(2);
  });
});
