/**
 * An initialised, empty PGlite cluster to start in-memory instances from. Creating one runs
 * initdb (about a second, more on a busy machine); loading the saved cluster takes a fraction of
 * that, and the test suite starts dozens of instances. Kept under node_modules/.cache, keyed by
 * the PGlite version, so an upgrade makes a new one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const root = new URL('../', import.meta.url);
const { version } = JSON.parse(
  readFileSync(new URL('node_modules/@electric-sql/pglite/package.json', root), 'utf8'),
) as { version: string };
// A file path, not URL.pathname: that keeps %20 for a space in the checkout's path.
export const TEMPLATE_PATH = fileURLToPath(
  new URL(`node_modules/.cache/pglite/empty-${version}.tar`, root),
);

let template: Promise<Blob> | undefined;

/** The saved empty cluster; made (and saved) on first use. */
export function emptyClusterTemplate(): Promise<Blob> {
  template ??= load().catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  return template;
}

async function load(): Promise<Blob> {
  try {
    return new Blob([readFileSync(TEMPLATE_PATH)]);
  } catch {
    const db = await PGlite.create('memory://');
    const dump = await db.dumpDataDir('none');
    await db.close();
    // Written beside its final name and renamed: test processes starting together never read
    // a half-written file.
    mkdirSync(dirname(TEMPLATE_PATH), { recursive: true });
    const partial = `${TEMPLATE_PATH}.${process.pid}.partial`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, TEMPLATE_PATH);
    return dump;
  }
}
