/**
 * Per-request Drizzle clients over Neon's serverless driver: HTTP (every endpoint), and a
 * WebSocket pool for the routes that opt into an interactive transaction.
 */
import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { AppConfig } from '../env.ts';
import { localProxySettings } from './local-proxy.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;

/** What repositories accept: any Drizzle Postgres database or transaction over our schema. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

let localProxy: string | undefined;

/**
 * Points the driver at the local Neon proxy. neonConfig is global to the isolate, so this is only
 * ever set from configuration, never per request; production leaves every option at its default.
 */
function useLocalProxy(proxy: string | undefined): void {
  if (proxy === localProxy || proxy === undefined) return;
  Object.assign(neonConfig, localProxySettings(proxy));
  localProxy = proxy;
}

/** One HTTP round trip per query (or per batch); no connection to set up or tear down. */
export function createHttpDatabase(config: AppConfig) {
  useLocalProxy(config.NEON_LOCAL_PROXY);
  const client = neon(config.DATABASE_URL, {
    fetchOptions: { signal: AbortSignal.timeout(config.DB_TIMEOUT_MS) },
  });
  return drizzleHttp({ client, schema });
}

/** A WebSocket pool for interactive transactions; it belongs to one request and is ended after it. */
export function createPool(config: AppConfig): Pool {
  useLocalProxy(config.NEON_LOCAL_PROXY);
  // The driver's default coalesces a tick's writes and sends them from a timer, but closes the
  // WebSocket at once on end(): the Terminate message was then sent after close(), an uncaught
  // TypeError in workerd, and never reached the server. Sent as written, it goes out first.
  // Global to the isolate, like every socket option; this pool is the app's only socket user.
  neonConfig.coalesceWrites = false;
  return new Pool({
    connectionString: config.DATABASE_URL,
    max: 1,
    connectionTimeoutMillis: config.DB_TIMEOUT_MS,
    query_timeout: config.DB_TIMEOUT_MS,
  });
}
