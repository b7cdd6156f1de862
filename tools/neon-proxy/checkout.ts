/** Lends a pooled connection to one HTTP request and takes it back clean, as Neon's pool does. */
import { connect } from 'node:net';
import type pg from 'pg';

/**
 * What Neon runs before a connection serves another request (neondatabase/neon#12681: DISCARD
 * ALL without DISCARD PLANS). DISCARD ALL itself is refused inside the implicit transaction of a
 * multi-statement query, so its parts are spelled out. Session settings, temporary tables,
 * advisory locks, prepared statements and LISTENs never outlive the request that made them.
 */
const resetSession = [
  'CLOSE ALL',
  'SET SESSION AUTHORIZATION DEFAULT',
  'RESET ALL',
  'DEALLOCATE ALL',
  'UNLISTEN *',
  'SELECT pg_advisory_unlock_all()',
  'DISCARD TEMP',
  'DISCARD SEQUENCES',
].join('; ');

/** pg sets these from BackendKeyData, but its types do not declare them. */
interface BackendKey {
  processID: number | null;
  secretKey: number | null;
}

export class Checkout {
  readonly client: pg.PoolClient;
  private readonly address: { host: string; port: number };
  private broken: Error | undefined;
  private cancelled = false;
  // The pool only listens while a client is idle; unheard, a reset socket crashes the process.
  private readonly onError = (error: Error) => {
    this.broken = error;
  };

  /** Connection failures (refused, bad password, too many clients) surface here. */
  static async open(pool: pg.Pool, address: { host: string; port: number }): Promise<Checkout> {
    return new Checkout(await pool.connect(), address);
  }

  private constructor(client: pg.PoolClient, address: { host: string; port: number }) {
    this.client = client;
    this.address = address;
    client.on('error', this.onError);
  }

  /** Asks Postgres to stop the query now running; the connection is then never reused. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    sendCancelRequest(this.address, this.client as unknown as BackendKey);
  }

  /** Runs the request's work, then hands the connection back clean, or discards it. */
  async lend<T>(work: (checkout: Checkout) => Promise<T>): Promise<T> {
    try {
      return await work(this);
    } finally {
      // Whatever the request left open (a BEGIN, a failed batch) is rolled back here.
      await cleanUp(this.client).catch((error: Error) => {
        this.broken ??= error;
      });
      this.client.off('error', this.onError);
      // A cancel request may land late, on whatever the connection runs next: never reuse it.
      const discard =
        this.broken ?? (this.cancelled ? new Error('query was cancelled') : undefined);
      this.client.release(discard);
    }
  }
}

async function cleanUp(client: pg.PoolClient): Promise<void> {
  if (client.getTransactionStatus() !== 'I') await client.query('ROLLBACK');
  await client.query(resetSession);
}

/** A CancelRequest goes on a connection of its own; Postgres closes it without an answer. */
function sendCancelRequest(address: { host: string; port: number }, key: BackendKey): void {
  if (key.processID === null || key.secretKey === null) return;
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(80877102, 4);
  message.writeInt32BE(key.processID, 8);
  message.writeInt32BE(key.secretKey, 12);
  const socket = connect(address, () => socket.end(message));
  socket.on('error', () => socket.destroy());
  // PGlite's socket server ignores cancel requests and keeps the connection open.
  socket.setTimeout(2000, () => socket.destroy());
}
