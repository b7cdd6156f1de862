/** What the Worker talks to locally: a database with drizzle/ applied, behind the local Neon proxy. */
import { createFreshDatabase } from './fresh-database.ts';
import { applyMigrations } from './migrate.ts';
import { type NeonProxy, startNeonProxy } from './neon-proxy/server.ts';
import { startEmbeddedPostgres } from './pglite-server.ts';

export interface LocalStackOptions {
  /** A Postgres to use; embedded PGlite when omitted. */
  databaseUrl?: string;
  /** Create (and later drop) a new database on databaseUrl's server instead of using it. */
  fresh?: boolean;
  /** Where PGlite keeps its data; in memory when omitted. */
  dataDir?: string;
  /** Port for the embedded database; any free port when omitted. */
  embeddedPort?: number;
  proxyPort?: number;
  delayMs?: number;
  /** Addresses the proxy may forward to; loopback only unless NEON_PROXY_ALLOW lists more. */
  allow?: string[];
}

export interface LocalStack {
  databaseUrl: string;
  embedded: boolean;
  proxy: NeonProxy;
  /** host:port, the value of the Worker's NEON_LOCAL_PROXY. */
  proxyAddress: string;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const external = options.databaseUrl;
  const embedded = external
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: options.dataDir,
        port: options.embeddedPort,
      });
  const fresh = external && options.fresh ? await createFreshDatabase(external, 'api') : undefined;
  const databaseUrl = withPassword(fresh?.url ?? external ?? embedded?.url ?? '');
  try {
    await applyMigrations(databaseUrl);
  } catch (error) {
    await fresh?.drop();
    await embedded?.close();
    throw error;
  }
  const allow = options.allow ?? process.env.NEON_PROXY_ALLOW?.split(',').map((a) => a.trim());
  const proxy = await startNeonProxy({
    port: options.proxyPort ?? 0,
    delayMs: options.delayMs,
    allow,
  });
  return {
    databaseUrl,
    embedded: embedded !== undefined,
    proxy,
    proxyAddress: `${proxy.host}:${proxy.port}`,
    async close() {
      await proxy.close();
      await fresh?.drop();
      await embedded?.close();
    },
  };
}

/**
 * Neon refuses a connection string without a password (SQL over HTTP authenticates with it), and
 * so does the local proxy; a local server that trusts its clients never reads this placeholder.
 */
export function withPassword(url: string): string {
  const copy = new URL(url);
  if (!copy.password) copy.password = 'unused-local-password';
  return copy.toString();
}
