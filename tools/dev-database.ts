/**
 * Where `npm run dev` says which database it serves, so the db commands reach it without
 * DATABASE_URL: a gitignored file that exists only while dev runs (its pid guards against a file
 * left behind by a killed run).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const DEV_DATABASE_FILE = '.data/dev-database.json';

export const NO_DATABASE_MESSAGE =
  'DATABASE_URL is not set and npm run dev is not running: start `npm run dev` (its embedded database is used) or set DATABASE_URL';

interface DevDatabase {
  url: string;
  pid: number;
}

const fileIn = (cwd: string) => resolve(cwd, DEV_DATABASE_FILE);

export function writeDevDatabase(url: string, cwd = process.cwd()): void {
  const path = fileIn(cwd);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ url, pid: process.pid } satisfies DevDatabase)}\n`);
}

export function removeDevDatabase(cwd = process.cwd()): void {
  rmSync(fileIn(cwd), { force: true });
}

/** DATABASE_URL when set, else the running `npm run dev`'s database, else undefined. */
export function resolveDatabaseUrl(
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
): string | undefined {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  let dev: Partial<DevDatabase>;
  try {
    dev = JSON.parse(readFileSync(fileIn(cwd), 'utf8')) as Partial<DevDatabase>;
  } catch {
    return undefined;
  }
  return typeof dev.url === 'string' && typeof dev.pid === 'number' && isRunning(dev.pid)
    ? dev.url
    : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The database a db script works on; without one, says how to get one and exits with 2. */
export function requireDatabaseUrl(command: string): string {
  const url = resolveDatabaseUrl(process.env);
  if (url) return url;
  console.error(`${command}: ${NO_DATABASE_MESSAGE}`);
  process.exit(2);
}
