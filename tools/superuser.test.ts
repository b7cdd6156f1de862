/** `npm run db:superuser`, run as an operator would, against a migrated scratch database. */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/lib/password.ts';
import { applyMigrations } from './migrate.ts';
import { openTestDatabase, query, type TestDatabase } from './migrations/test-support.ts';

const run = promisify(execFile);
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await applyMigrations(database.url);
});
afterAll(async () => {
  await database.close();
});

async function superuser(args: string[], env: Record<string, string> = {}) {
  const child = run(process.execPath, ['scripts/superuser.ts', ...args], {
    env: { ...process.env, DATABASE_URL: database.url, SUPERUSER_PASSWORD: '', ...env },
  });
  child.child.stdin?.end();
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

async function account(username: string) {
  const { rows } = await query(
    database.url,
    'select is_superuser, is_active, hashed_password, email from users where lower(username) = lower($1)',
    [username],
  );
  return rows[0] as
    | { is_superuser: boolean; is_active: boolean; hashed_password: string; email: string }
    | undefined;
}

describe('db:superuser', () => {
  it('creates the account with the password from SUPERUSER_PASSWORD, hashed like sign-up; idempotent', async () => {
    const args = ['--username', 'Root_Op', '--email', 'root.op@example.com'];
    const env = { SUPERUSER_PASSWORD: 'a very good passphrase' };
    const first = await superuser(args, env);
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Root_Op: created');
    const row = await account('root_op');
    expect(row).toMatchObject({ is_superuser: true, is_active: true });
    expect(row?.hashed_password).toMatch(/^pbkdf2_sha256\$100000\$/);
    expect((await verifyPassword('a very good passphrase', row?.hashed_password ?? '')).valid).toBe(
      true,
    );

    const again = await superuser(args, env);
    expect(again.stdout).toContain('already a superuser');
    expect((await account('root_op'))?.hashed_password).toBe(row?.hashed_password);
  });

  it('promotes (and reactivates) an existing account, leaving its password alone', async () => {
    await query(
      database.url,
      `insert into users (username, email, hashed_password, is_active) values ('ops2', 'ops2@example.com', 'unchanged', false)`,
    );
    const promoted = await superuser(['--username', 'OPS2', '--email', 'OPS2@example.com']);
    expect(promoted, promoted.stderr).toMatchObject({ code: 0 });
    expect(promoted.stdout).toContain('promoted');
    expect(await account('ops2')).toMatchObject({
      is_superuser: true,
      is_active: true,
      hashed_password: 'unchanged',
    });
  });

  it('refuses, changing nothing: no password, an email that does not match, invalid input', async () => {
    await query(
      database.url,
      `insert into users (username, email, hashed_password) values ('victim', 'victim@example.com', 'x')`,
    );
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--username', 'newop', '--email', 'newop@example.com'], {}, /SUPERUSER_PASSWORD/],
      [['--username', 'victim', '--email', 'attacker@example.com'], {}, /another email/],
      [
        ['--username', 'bad name', '--email', 'x@example.com'],
        { SUPERUSER_PASSWORD: 'long enough pw' },
        /username/,
      ],
      [
        ['--username', 'short', '--email', 'short@example.com'],
        { SUPERUSER_PASSWORD: 'short' },
        /password/,
      ],
      [['--username', 'noemail'], {}, /usage/],
    ];
    for (const [args, env, message] of cases) {
      const result = await superuser(args, env);
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    expect(await account('newop')).toBeUndefined();
    expect(await account('victim')).toMatchObject({ is_superuser: false });
  });

  it('asks for the password on a terminal without echoing it', async () => {
    const password = 'typed at the prompt 42';
    const command = `node scripts/superuser.ts --username tty_op --email tty.op@example.com`;
    // `script` gives the command a real terminal; the password is typed once asked for.
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, DATABASE_URL: database.url, SUPERUSER_PASSWORD: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('password for the new superuser:') && !output.includes('typed')) {
        child.stdin.write(`${password}\r`);
        output += 'typed';
      }
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain('tty_op: created');
    expect(output).not.toContain(password);
    const row = await account('tty_op');
    expect((await verifyPassword(password, row?.hashed_password ?? '')).valid).toBe(true);
  });
});
