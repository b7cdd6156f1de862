/** Shared setup for the proxy tests: a database, a proxy and the real driver pointed at it. */
import { neonConfig } from '@neondatabase/serverless';
import pg from 'pg';
import ws from 'ws';
import { localProxySettings } from '../../src/db/local-proxy.ts';
import { startScratchDatabase } from '../scratch-database.ts';
import type { NeonProxy } from './server.ts';

export interface TestDatabase {
  url: string;
  /** True on a real Postgres server (TEST_DATABASE_URL), false on the embedded PGlite. */
  real: boolean;
  close(): Promise<void>;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const scratch = await startScratchDatabase(process.env.TEST_DATABASE_URL, 'neon_proxy_test');
  return { url: scratch.url, real: !scratch.embedded, close: scratch.close };
}

/** Global driver settings; each vitest file runs isolated, so this stays per file. */
export function pointDriverAt(proxy: NeonProxy): void {
  neonConfig.webSocketConstructor = ws;
  Object.assign(neonConfig, localProxySettings(`${proxy.host}:${proxy.port}`));
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 7)}`;
}

/** Polls until `check` passes, then returns its last value; throws with the last one otherwise. */
export async function eventually<T>(
  read: () => T | Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 2000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (performance.now() > deadline) {
      throw new Error(
        `condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs SQL straight against the database, bypassing the proxy. */
export async function direct<R extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Replaces the database host and port in a connection string, keeping user and database. */
export function withAddress(url: string, host: string, port: number): string {
  const copy = new URL(url);
  copy.hostname = host;
  copy.port = String(port);
  return copy.toString();
}
