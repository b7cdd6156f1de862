/**
 * The db commands without DATABASE_URL: they use the database `npm run dev` announces in
 * .data/dev-database.json while it runs, and otherwise exit 2 saying what to do.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_DATABASE_FILE,
  removeDevDatabase,
  resolveDatabaseUrl,
  writeDevDatabase,
} from './dev-database.ts';
import { applyMigrations } from './migrate.ts';
import { openTestDatabase, query, type TestDatabase } from './migrations/test-support.ts';

const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(`../scripts/${name}`, import.meta.url));

let database: TestDatabase;
let cwd: string;
beforeAll(async () => {
  database = await openTestDatabase();
  await applyMigrations(database.url);
  // The scripts look in their working directory, as `npm run` starts them in the project's.
  cwd = mkdtempSync(join(tmpdir(), 'dev-database-'));
});
afterAll(async () => {
  rmSync(cwd, { recursive: true, force: true });
  await database.close();
});

/** Runs a script with DATABASE_URL unset, in `cwd`; returns its exit code and output. */
async function command(name: string, args: string[] = []) {
  const { DATABASE_URL: _, ...env } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [script(name), ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('resolveDatabaseUrl', () => {
  it('prefers DATABASE_URL, then a running dev, and ignores a file its dev left behind', () => {
    removeDevDatabase(cwd);
    expect(resolveDatabaseUrl({}, cwd)).toBeUndefined();
    writeDevDatabase(database.url, cwd);
    expect(resolveDatabaseUrl({}, cwd)).toBe(database.url);
    expect(resolveDatabaseUrl({ DATABASE_URL: 'postgresql://elsewhere/db' }, cwd)).toBe(
      'postgresql://elsewhere/db',
    );
    // A pid no process has (above Linux's pid_max): dev was killed before it could clean up.
    const stale = JSON.stringify({ url: database.url, pid: 2 ** 22 + 1 });
    writeFileSync(join(cwd, DEV_DATABASE_FILE), stale);
    expect(resolveDatabaseUrl({}, cwd)).toBeUndefined();
    removeDevDatabase(cwd);
  });
});

describe('without DATABASE_URL', () => {
  it('db:seed, db:status and db:superuser use the database npm run dev announced', async () => {
    // This test process stands in for dev: the file names its pid, which is running.
    writeDevDatabase(database.url, cwd);
    try {
      const seeded = await command('seed.ts');
      expect(seeded, seeded.stderr).toMatchObject({ code: 0 });
      expect(seeded.stdout).toContain('seeded ada, grace, linus');
      const { rows } = await query(database.url, `select count(*)::int as n from users`);
      expect(rows).toEqual([{ n: 3 }]);
      const status = await command('db.ts', ['status']);
      expect(status, status.stderr).toMatchObject({ code: 0 });
      const promoted = await command('superuser.ts', [
        '--username',
        'ada',
        '--email',
        'ada@example.com',
      ]);
      expect(promoted, promoted.stderr).toMatchObject({ code: 0 });
    } finally {
      removeDevDatabase(cwd);
    }
  });

  it('every db command exits 2 saying to start npm run dev or set DATABASE_URL', async () => {
    const runs = await Promise.all([
      command('seed.ts'),
      command('db.ts', ['status']),
      command('db.ts', ['migrate']),
      command('superuser.ts', ['--username', 'op', '--email', 'op@example.com']),
    ]);
    for (const result of runs) {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/start `npm run dev`.* or set DATABASE_URL/);
    }
  });
});
