/** scripts/db.ts as a real process: exit codes, output, and no password in what it prints. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readMigrations } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER, PROJECT_ROOT } from './options.ts';
import { openTestDatabase, type TestDatabase } from './test-support.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/db.ts', import.meta.url));
// The project's Node 22 runs .ts files; the one running vitest may be older.
const LOCAL_NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const NODE = existsSync(LOCAL_NODE) ? LOCAL_NODE : process.execPath;
const PASSWORD = 'not-a-real-password-7d3f';
const TAGS = readMigrations(DEFAULT_MIGRATIONS_FOLDER).map((m) => m.tag);
const LAST = TAGS.at(-1);

let database: TestDatabase;
let url: string;
beforeEach(async () => {
  database = await openTestDatabase();
  // Test servers accept any password, so one can be added to check it is never printed.
  const withPassword = new URL(database.url);
  withPassword.password = PASSWORD;
  url = withPassword.toString();
});
afterEach(async () => {
  await database.close();
});

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string;
}

function db(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [SCRIPT, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: stdout.trimEnd().split('\n'), stderr }));
  });
}

it('reports pending (exit 1), migrates, then reports clean (exit 0)', async () => {
  const before = await db(['status'], { DATABASE_URL: url });
  expect(before.code).toBe(1);
  expect(before.stdout).toEqual([
    `database: ${url.replace(PASSWORD, '***')}`,
    'current revision: none (nothing applied)',
    ...TAGS.map((tag) => `pending   ${tag}`),
    `summary: 0 applied, ${TAGS.length} pending, 0 modified, 0 unknown`,
  ]);

  const migrated = await db(['migrate'], { DATABASE_URL: url });
  expect(migrated.code).toBe(0);
  expect(migrated.stdout.slice(1)).toEqual([
    ...TAGS.map((tag) => `applied ${tag}`),
    `${TAGS.length} migration(s) applied`,
    `current revision: ${LAST}`,
  ]);

  const after = await db(['status'], { DATABASE_URL: url });
  expect(after.code).toBe(0);
  expect(after.stdout.slice(1)).toEqual([
    `current revision: ${LAST}`,
    ...TAGS.map((tag) => `applied   ${tag}`),
    `summary: ${TAGS.length} applied, 0 pending, 0 modified, 0 unknown`,
  ]);
  for (const run of [before, migrated, after]) {
    expect(`${run.stdout.join('\n')}${run.stderr}`).not.toContain(PASSWORD);
  }
});

it('exits 2 with a clear message when DATABASE_URL is unset', async () => {
  const run = await db(['status'], { DATABASE_URL: '' });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^error: DATABASE_URL is not set/);
});

it('check exits 0 when the committed schema and migrations agree', async () => {
  const run = await db(['check'], { DATABASE_URL: '' });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toEqual([
    'no drift: src/db/schema.ts matches the migrations (db:generate would write nothing)',
  ]);
});

it('heads migrate --sql with a SQL comment, not a log line, and changes nothing', async () => {
  const run = await db(['migrate', '--sql'], { DATABASE_URL: url });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout[0]).toBe(`-- for ${url.replace(PASSWORD, '***')} as it is now`);
  expect(run.stdout).toContain(`-- ${LAST}`);
  expect((await db(['status'], { DATABASE_URL: url })).code).toBe(1);
});
