/** One pg Pool per upstream database, configured to hand back Postgres text untouched. */
import pg from 'pg';
import { HttpError } from './http-errors.ts';

export interface UpstreamTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  applicationName: string | undefined;
}

/** The driver parses values itself by dataTypeID, so pg must not parse anything. */
const rawText: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/**
 * Reads Neon-Connection-String as Neon's get_conn_info does, refusing what Neon refuses, with its
 * messages (never the string itself: it carries the password). Only the fields below are taken:
 * query parameters such as `host` would let a client redirect pg past the allow-list.
 */
export function parseConnectionString(text: string | undefined): UpstreamTarget {
  if (text === undefined) throw refuse('invalid header: neon-connection-string');
  const url = URL.parse(text);
  if (!url) throw refuse('invalid connection string: not a URL');
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw refuse('incorrect scheme');
  }
  // Neon's endpoint is a host name; a local stand-in has to accept addresses as well.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw refuse('missing hostname');
  // Without a path there is no database name at all; "/" names the empty one, as in Neon.
  if (!url.pathname.startsWith('/')) throw refuse('missing database name');
  const user = decode(url.username);
  if (!user) throw refuse('missing username');
  // SQL over HTTP authenticates with the password alone, so Neon requires one.
  if (!url.password) throw refuse('missing authentication credentials: required password');
  return {
    host,
    port: url.port === '' ? 5432 : Number(url.port),
    user,
    password: decode(url.password),
    // Postgres reads an empty database name as the user's name.
    database: decode(url.pathname.slice(1).split('/')[0] ?? '') || user,
    applicationName: url.searchParams.get('application_name') ?? undefined,
  };
}

function refuse(message: string): HttpError {
  return new HttpError(400, message);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw refuse('invalid connection string: bad percent-encoding');
  }
}

export class PoolRegistry {
  private readonly pools = new Map<string, pg.Pool>();
  private closed = false;
  private readonly log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  /** `connectHost` is the address the allow-list approved for `target.host`. */
  get(target: UpstreamTarget, connectHost: string): pg.Pool {
    if (this.closed) throw new Error('the proxy is shutting down');
    const key = JSON.stringify({ ...target, host: connectHost });
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new pg.Pool({
        host: connectHost,
        port: target.port,
        user: target.user,
        password: target.password,
        database: target.database,
        application_name: target.applicationName,
        types: rawText,
        max: 10,
        idleTimeoutMillis: 10_000,
        connectionTimeoutMillis: 10_000,
      });
      // An idle client that loses its server must not crash the proxy.
      pool.on('error', (error) => this.log(`http pool error: ${error.message}`));
      this.pools.set(key, pool);
    }
    return pool;
  }

  connectionCount(): number {
    let total = 0;
    for (const pool of this.pools.values()) total += pool.totalCount;
    return total;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end()));
  }
}
