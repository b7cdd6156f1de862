/** db:check: drift between src/db/schema.ts and drizzle/, judged on changed copies of the schema. */
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import { journalPath } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER, PROJECT_ROOT } from './options.ts';
import { captureIo, removeFolder } from './test-support.ts';

const SCHEMA = join(PROJECT_ROOT, 'src', 'db', 'schema.ts');
const LAST_LOGIN = "    lastLogin: timestamp('last_login', { withTimezone: true }),\n";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) removeFolder(folder);
});

/** A copy of the schema changed by `edit`, beside a link to node_modules so its imports resolve. */
function changedSchema(edit: (text: string) => string): string {
  const folder = mkdtempSync(join(tmpdir(), 'schema-copy-'));
  folders.push(folder);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
  const original = readFileSync(SCHEMA, 'utf8');
  const changed = edit(original);
  expect(changed, 'the edit must change the schema').not.toBe(original);
  writeFileSync(join(folder, 'schema.ts'), changed);
  return join(folder, 'schema.ts');
}

async function check(schema?: string) {
  const io = { ...captureIo({}), schema };
  const code = await runCli(['check'], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** What check must never change: the journal and the file list of drizzle/. */
function migrationsFolderState() {
  const files = readdirSync(DEFAULT_MIGRATIONS_FOLDER, { recursive: true });
  return [readFileSync(journalPath(DEFAULT_MIGRATIONS_FOLDER), 'utf8'), files.sort()];
}

it('passes when the schema and the migrations agree', async () => {
  const { code, stdout } = await check();
  expect(code, stdout.join('\n')).toBe(0);
  expect(stdout).toEqual([
    'no drift: src/db/schema.ts matches the migrations (db:generate would write nothing)',
  ]);
});

it('fails with the missing SQL after a column is added without a migration', async () => {
  const before = migrationsFolderState();
  const schema = changedSchema((text) =>
    text.replace(LAST_LOGIN, `${LAST_LOGIN}    nickname: text('nickname'),\n`),
  );
  const { code, stdout, stderr } = await check(schema);
  expect(code, stdout.join('\n')).toBe(1);
  expect(stdout[0]).toMatch(/^drift: .*schema\.ts has changes no migration covers/);
  expect(stdout).toContain('ALTER TABLE "users" ADD COLUMN "nickname" text;');
  expect(stderr[0]).toBe('error: the schema and the migrations differ (drift); see the SQL above');
  expect(migrationsFolderState()).toEqual(before);
});

it('fails, without deciding, when drizzle-kit would ask whether a column was renamed', async () => {
  // drizzle-kit exits 0 after failing to ask, so a missing answer must not read as "no drift".
  const schema = changedSchema((text) => text.replace("'last_login'", "'last_seen_at'"));
  const { code, stderr } = await check(schema);
  expect(code).toBe(1);
  expect(stderr[0]).toMatch(/^error: drizzle-kit generate gave no answer .* drift cannot be ruled/);
  expect(stderr.join('\n')).toMatch(/Interactive prompts require a TTY/);
});
