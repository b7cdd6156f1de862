/** Embedded Postgres for development and tests: PGlite behind a Postgres wire-protocol socket. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { emptyClusterTemplate } from './pglite-template.ts';

export interface EmbeddedPostgres {
  /** Connection string for the `postgres` database on the embedded server. */
  url: string;
  close(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the data between runs; in memory when omitted. */
  dataDir?: string;
  host?: string;
  port?: number;
}

/**
 * Starts PGlite and serves it on a TCP port. PGlite runs one statement at a time and keeps an
 * open transaction to the connection that began it, so concurrent transactions are serialised.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(dirname(options.dataDir), { recursive: true });
  // In memory: a copy of the saved empty cluster instead of running initdb again.
  const db = options.dataDir
    ? await PGlite.create(options.dataDir)
    : await PGlite.create({ loadDataDir: await emptyClusterTemplate() });
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: 200 });
  await server.start();
  const port = server.getServerConn().split(':').pop();
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
