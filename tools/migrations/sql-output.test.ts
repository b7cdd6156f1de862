/** --sql on migrate and rollback: the SQL they would run, online or offline, changing nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { withClient } from './database.ts';
import { readMigrations } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER } from './options.ts';
import { snapshotSchema } from './schema-snapshot.ts';
import { migrateScript } from './script.ts';
import { hasStatement } from './sql-text.ts';
import { captureIo, openTestDatabase, query, type TestDatabase } from './test-support.ts';

const ALL = readMigrations(DEFAULT_MIGRATIONS_FOLDER);
// The first two migrations are history (never edited), so their SQL can be named; more may follow.
const [FIRST, SECOND] = ALL;
const FIRST_DDL = 'CREATE TABLE "users" (';
const SECOND_DDL = 'ALTER TABLE "users" ADD COLUMN "last_login" timestamp with time zone;';
const SECOND_DOWN = 'ALTER TABLE "users" DROP COLUMN "last_login";';
const ROWS = 'SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id';

let database: TestDatabase;
/** Opens a database of its own for each test of the calling describe block. */
function withTestDatabase() {
  beforeEach(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });
}

async function db(env: Record<string, string | undefined>, ...argv: string[]) {
  const io = captureIo(env);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr, text: io.stdout.join('\n') };
}
const online = (...argv: string[]) => db({ DATABASE_URL: database.url }, ...argv);
const offline = (...argv: string[]) => db({}, ...argv);

describe('migrate --sql', () => {
  withTestDatabase();
  it('prints the pending DDL with its bookkeeping and leaves db:status unchanged', async () => {
    const before = await online('status');
    const { code, stdout, text } = await online('migrate', '--sql');
    expect(code, text).toBe(0);
    expect(stdout[0]).toMatch(/^-- for postgresql:\/\/.* as it is now$/);
    expect(text).toContain('CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations"');
    expect(text.indexOf(FIRST_DDL)).toBeLessThan(text.indexOf(SECOND_DDL));
    expect(text).toContain(
      `INSERT INTO "drizzle"."__drizzle_migrations" ("hash", "created_at") VALUES ('${SECOND?.hash}', ${SECOND?.when});`,
    );
    expect(await online('status')).toEqual(before);
    const table = await query(database.url, `SELECT to_regnamespace('drizzle') AS found`);
    expect(table.rows[0]).toEqual({ found: null });
  });

  it('lists only what is pending once some migrations are applied', async () => {
    await online('migrate', '--to', FIRST?.tag ?? '');
    const { code, text } = await online('migrate', '--sql');
    expect(code).toBe(0);
    expect(text).not.toContain(FIRST_DDL);
    expect(text).not.toContain('CREATE TABLE IF NOT EXISTS');
    expect(text).toContain(SECOND_DDL);
    await online('migrate');
    expect((await online('migrate', '--sql')).stdout.at(-1)).toBe('-- nothing to apply');
  });

  it('prints a script that, run as psql runs it, does exactly what db:migrate does', async () => {
    const { stdout } = await offline('migrate', '--sql');
    expect(stdout[0]).toBe('-- offline (DATABASE_URL is not set): assuming an empty database');
    const script = await migrateScript(undefined, {});
    expect(stdout.slice(3).join('\n')).toBe(script.join('\n'));
    // Like psql, one statement at a time: CREATE INDEX CONCURRENTLY refuses a multi-statement query.
    await withClient(database.url, async (client) => {
      for (const statement of script.filter(hasStatement)) await client.query(statement);
    });
    const other = await openTestDatabase();
    try {
      expect((await db({ DATABASE_URL: other.url }, 'migrate')).code).toBe(0);
      const schema = (url: string) => withClient(url, (client) => snapshotSchema(client));
      expect(await schema(database.url)).toEqual(await schema(other.url));
      expect((await query(database.url, ROWS)).rows).toEqual((await query(other.url, ROWS)).rows);
      expect((await online('status')).code).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('rollback --sql', () => {
  withTestDatabase();
  it('prints the down SQL and the row deletes, changing nothing', async () => {
    await online('migrate');
    const { code, text } = await online('rollback', '--to', FIRST?.tag ?? '', '--sql');
    expect(code, text).toBe(0);
    expect(text).toContain(SECOND_DOWN);
    expect(text).toContain(
      `DELETE FROM "drizzle"."__drizzle_migrations" WHERE hash = '${SECOND?.hash}';`,
    );
    expect(text).not.toContain('DROP TABLE "users"');
    expect((await online('status')).code).toBe(0);
  });

  it('refuses what rollback would refuse', async () => {
    const { code, stderr } = await online('rollback', '--sql');
    expect(code).toBe(1);
    expect(stderr[0]).toBe('error: cannot roll back 1: only 0 migration(s) are applied');
  });
});

describe('without a database', () => {
  it('rollback --sql assumes every migration is applied', async () => {
    const { code, stdout, text } = await offline('rollback', '--steps', `${ALL.length}`, '--sql');
    expect(code).toBe(0);
    expect(stdout[0]).toBe(
      '-- offline (DATABASE_URL is not set): assuming every migration is applied',
    );
    expect(text.indexOf(SECOND_DOWN)).toBeLessThan(text.indexOf('DROP TABLE "users";'));
  });

  it('says the database is needed when DATABASE_URL names one that cannot be reached', async () => {
    const unreachable = { DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/postgres' };
    const { code, stdout, stderr } = await db(unreachable, 'migrate', '--sql');
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr[0]).toMatch(/^error: cannot connect to the database: .*ECONNREFUSED/);
    expect(stderr[1]).toMatch(/^--sql needs the database .* unset DATABASE_URL for offline SQL/);
    expect(stderr.join('\n')).not.toContain('secret');
  });
});
