/** Test helpers: a database of one's own, temporary migration folders, and captured CLI output. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScratchDatabase } from '../scratch-database.ts';
import type { CliIo } from './cli.ts';
import { type Client, withClient } from './database.ts';
import { STATEMENT_BREAKPOINT } from './sql-text.ts';

export interface TestDatabase {
  url: string;
  close(): Promise<void>;
}

/**
 * A new empty database on TEST_DATABASE_URL's server when that is set, otherwise a new
 * in-memory PGlite (which has only one database, so each test gets its own instance).
 */
export function openTestDatabase(): Promise<TestDatabase> {
  return startScratchDatabase(process.env.TEST_DATABASE_URL, 'migrations');
}

export function query(url: string, sql: string, params: unknown[] = []) {
  return withClient(url, (client: Client) => client.query(sql, params));
}

export interface FolderMigration {
  tag: string;
  when: number;
  /** Statements of the up file, joined with drizzle's breakpoint. */
  up: string[];
  /** Statements of the down file; no down file when omitted. */
  down?: string[];
}

/** Builds a drizzle-style migrations folder in a temporary directory. */
export function makeMigrationsFolder(migrations: readonly FolderMigration[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-test-'));
  writeMigrationsFolder(folder, migrations);
  return folder;
}

/** (Re)writes the journal and files, as a branch merge or a new migration would. */
export function writeMigrationsFolder(folder: string, migrations: readonly FolderMigration[]) {
  mkdirSync(join(folder, 'meta'), { recursive: true });
  mkdirSync(join(folder, 'down'), { recursive: true });
  const entries = migrations.map(({ tag, when }, idx) => {
    return { idx, version: '7', when, tag, breakpoints: true };
  });
  const journal = { version: '7', dialect: 'postgresql', entries };
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  for (const migration of migrations) {
    writeFileSync(join(folder, `${migration.tag}.sql`), migration.up.join(STATEMENT_BREAKPOINT));
    if (migration.down) {
      const path = join(folder, 'down', `${migration.tag}.sql`);
      writeFileSync(path, migration.down.join(STATEMENT_BREAKPOINT));
    }
  }
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

export interface CapturedIo extends CliIo {
  stdout: string[];
  stderr: string[];
}

export function captureIo(env: Record<string, string | undefined>, folder?: string): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    env,
    folder,
    stdout,
    stderr,
    out: (line) => stdout.push(...line.split('\n')),
    err: (line) => stderr.push(...line.split('\n')),
  };
}
