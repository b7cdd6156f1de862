/** One pg Pool per upstream database, configured to hand back Postgres text untouched. */
import pg from 'pg';

export interface UpstreamTarget {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  applicationName: string | undefined;
}

/** The driver parses values itself by dataTypeID, so pg must not parse anything. */
const rawText: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/**
 * Only the fields below are taken from the string: query parameters such as `host` would let a
 * client redirect pg past the allow-list, so they are never handed to pg.
 */
export function parseConnectionString(text: string): UpstreamTarget {
  const url = new URL(text);
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('connection string must start with postgresql://');
  }
  const user = decodeURIComponent(url.username);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!user || !host) throw new Error('connection string needs a user and a host');
  const port = url.port === '' ? 5432 : Number(url.port);
  return {
    host,
    port,
    user,
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)) || user,
    applicationName: url.searchParams.get('application_name') ?? undefined,
  };
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
