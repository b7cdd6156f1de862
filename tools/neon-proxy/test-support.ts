/** Shared setup for the proxy tests: a database, a proxy and the real driver pointed at it. */
import { type AddressInfo, createServer } from 'node:net';
import { type Client, neonConfig } from '@neondatabase/serverless';
import pg from 'pg';
import ws from 'ws';
import { localProxySettings } from '../../src/db/local-proxy.ts';
import { withPassword } from '../local-stack.ts';
import { startScratchDatabase } from '../scratch-database.ts';
import { errorResponse } from './pg-frames.ts';
import type { NeonProxy } from './server.ts';

export interface TestDatabase {
  url: string;
  /** True on a real Postgres server (TEST_DATABASE_URL), false on the embedded PGlite. */
  real: boolean;
  close(): Promise<void>;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const scratch = await startScratchDatabase(process.env.TEST_DATABASE_URL, 'neon_proxy_test');
  return { url: withPassword(scratch.url), real: !scratch.embedded, close: scratch.close };
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

export interface SqlAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A raw Neon SQL-over-HTTP request, as the driver would send it or as a probe might. */
export async function postSql(
  proxy: NeonProxy,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<SqlAnswer> {
  const response = await fetch(`${proxy.url}/sql`, {
    method: 'POST',
    headers: { 'Neon-Raw-Text-Output': 'true', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * A server that answers every Postgres startup with one FATAL error, as a Postgres that refuses
 * the login (28P01) or has no connection slot left (53300) does.
 */
export async function startRefusingPostgres(code: string, message: string) {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end(errorResponse(code, message)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * With pipelineConnect 'password' the driver resolves connect() before the server has answered,
 * so a refused login shows up as the client's error event (or its first query's rejection).
 */
export function loginError(client: Client): Promise<unknown> {
  const failed = new Promise((resolve) => client.on('error', resolve));
  return client.connect().then(
    () => failed,
    (error: unknown) => error,
  );
}
