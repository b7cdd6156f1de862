/** A database to throw away: a new one on a given Postgres server, else an in-memory PGlite. */
import { createFreshDatabase } from './fresh-database.ts';
import { startEmbeddedPostgres } from './pglite-server.ts';

export interface ScratchDatabase {
  url: string;
  /** True for in-memory PGlite, false for a database created on `serverUrl`'s server. */
  embedded: boolean;
  /** Drops the created database, or stops PGlite. */
  close(): Promise<void>;
}

/** PGlite has only one database, so each call without a server gets an instance of its own. */
export async function startScratchDatabase(
  serverUrl: string | undefined,
  prefix: string,
): Promise<ScratchDatabase> {
  if (serverUrl) {
    const fresh = await createFreshDatabase(serverUrl, prefix);
    return { url: fresh.url, embedded: false, close: fresh.drop };
  }
  const embedded = await startEmbeddedPostgres();
  return { url: embedded.url, embedded: true, close: embedded.close };
}
