/** Reading the journal and files: hashes and statements must match drizzle-orm's own reader. */
import { readFileSync } from 'node:fs';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { readDownStatements, writeDownStub } from './down-files.ts';
import { readMigrations, resolveTarget } from './journal.ts';
import { DEFAULT_MIGRATIONS_FOLDER } from './options.ts';
import { hasStatement, splitStatements } from './sql-text.ts';
import { makeMigrationsFolder, removeFolder } from './test-support.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) removeFolder(folder);
});

describe('readMigrations', () => {
  it('hashes and orders the project migrations exactly as drizzle-orm does', () => {
    const ours = readMigrations(DEFAULT_MIGRATIONS_FOLDER);
    const theirs = readMigrationFiles({ migrationsFolder: DEFAULT_MIGRATIONS_FOLDER });
    expect(ours.map((m) => [m.hash, m.when])).toEqual(theirs.map((m) => [m.hash, m.folderMillis]));
    // Migrations are only ever added, so these two stay first.
    expect(ours.map((m) => m.tag).slice(0, 2)).toEqual([
      '0000_create_users_and_items',
      '0001_add_users_last_login',
    ]);
  });

  it('has a reviewed, non-empty down file for every project migration', () => {
    for (const migration of readMigrations(DEFAULT_MIGRATIONS_FOLDER)) {
      const statements = readDownStatements(DEFAULT_MIGRATIONS_FOLDER, migration.tag);
      expect(statements, `drizzle/down/${migration.tag}.sql`).toBeDefined();
      expect(statements?.length, `drizzle/down/${migration.tag}.sql`).toBeGreaterThan(0);
    }
  });

  it('explains a journal entry whose file is missing', () => {
    const folder = makeMigrationsFolder([{ tag: '0000_a', when: 1, up: ['SELECT 1'] }]);
    folders.push(folder);
    removeFolder(`${folder}/0000_a.sql`);
    expect(() => readMigrations(folder)).toThrow(/0000_a.*missing/);
  });

  it('resolves tags and head, rejecting unknown tags', () => {
    const migrations = readMigrations(DEFAULT_MIGRATIONS_FOLDER);
    expect(resolveTarget(migrations, 'head')).toBe(migrations.length - 1);
    expect(resolveTarget(migrations, '0000_create_users_and_items')).toBe(0);
    expect(() => resolveTarget(migrations, '0002_nope')).toThrow(/unknown migration 0002_nope/);
  });
});

describe('statements', () => {
  it('splits on drizzle breakpoints and drops chunks holding only comments', () => {
    const text = 'CREATE TABLE a (x int);--> statement-breakpoint\n-- note\n/* a /* nested */ */\n';
    expect(splitStatements(text)).toEqual(['CREATE TABLE a (x int);']);
  });

  it('treats comments, semicolons and whitespace as no statement', () => {
    expect(hasStatement('  -- drop nothing\n ; /* still nothing */\n')).toBe(false);
    expect(hasStatement('-- comment\nDROP TABLE a')).toBe(true);
    expect(hasStatement('/* unterminated')).toBe(false);
  });

  it('writes a down stub that rollback would refuse, and never overwrites one', () => {
    const folder = makeMigrationsFolder([{ tag: '0000_a', when: 1, up: ['SELECT 1'] }]);
    folders.push(folder);
    const path = writeDownStub(folder, '0000_a');
    expect(path).toBe(`${folder}/down/0000_a.sql`);
    expect(readFileSync(path ?? '', 'utf8')).toMatch(/exactly undoes/);
    expect(readDownStatements(folder, '0000_a')).toEqual([]);
    expect(writeDownStub(folder, '0000_a')).toBeUndefined();
  });
});
