/** Embedded Postgres for development and tests: PGlite behind a Postgres wire-protocol socket. */
import { mkdirSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  cancelRequestCode,
  gssEncRequestCode,
  type Message,
  MessageReader,
  message,
  sslRequestCode,
} from './neon-proxy/pg-frames.ts';
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
 * Starts PGlite and serves it on a TCP port. PGlite is one Postgres session, shared by every
 * connection, so a connection holds it from its first message to the end of a cycle: a Sync or
 * simple Query that leaves no transaction open. Another connection's statements can then never
 * fall between a Parse and its Bind (a simple Query drops the unnamed statement: error 26000),
 * nor into someone else's transaction. Concurrent transactions are serialised.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(dirname(options.dataDir), { recursive: true });
  // In memory: a copy of the saved empty cluster instead of running initdb again.
  const db = options.dataDir
    ? await PGlite.create(options.dataDir)
    : await PGlite.create({ loadDataDir: await emptyClusterTemplate() });
  const session = new SessionLock();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(db, session, socket);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
      await session.idle();
      await db.close();
    },
  };
}

/** Who holds the shared session; the others wait their turn, first come first served. */
class SessionLock {
  private holder: object | null = null;
  private readonly waiting: (() => void)[] = [];

  async acquire(who: object): Promise<void> {
    while (this.holder !== null && this.holder !== who) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.holder = who;
  }

  release(who: object): void {
    if (this.holder !== who) return;
    this.holder = null;
    this.waiting.shift()?.();
  }

  holds(who: object): boolean {
    return this.holder === who;
  }

  /** Resolves once nobody holds the session. */
  async idle(): Promise<void> {
    const me = {};
    await this.acquire(me);
    this.release(me);
  }
}

/** Far above any message this project sends; a longer one is a broken client. */
const MAX_MESSAGE = 64 * 1024 * 1024;
/** Messages that end a cycle: after them the session is free unless a transaction is open. */
const CYCLE_ENDS = new Set(['S', 'Q']);

function serveConnection(db: PGlite, session: SessionLock, socket: Socket): void {
  const connection = {};
  const reader = new MessageReader();
  let started = false;
  let draining = false;
  let closed = false;

  // PGlite hands out views of its own memory, reused once the callback returns: copy them.
  const send = (data: Uint8Array) => {
    if (!closed && socket.writable) socket.write(Buffer.from(data));
  };

  const handle = async ({ type, body, raw }: Message) => {
    if (!started) {
      const code = body.readInt32BE(0);
      // No TLS on a loopback socket; cancel requests are not supported by PGlite.
      if (code === sslRequestCode || code === gssEncRequestCode) return send(Buffer.from('N'));
      if (code === cancelRequestCode) return void socket.end();
      started = true;
    }
    if (type === 'X') return void socket.end();
    await session.acquire(connection);
    if (closed) return;
    await db.execProtocolRawStream(new Uint8Array(raw), { onRawData: send });
    if ((type === '' || CYCLE_ENDS.has(type)) && !db.isInTransaction()) {
      session.release(connection);
    }
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      const next = () => reader.next(started, MAX_MESSAGE);
      for (let message = next(); message && !closed; message = next()) {
        await handle(message);
      }
    } catch {
      socket.destroy();
    } finally {
      draining = false;
      if (closed) await leave();
    }
  };

  /** Left mid-cycle or mid-transaction: end both, so the next connection starts clean. */
  const leave = async () => {
    if (!session.holds(connection)) return;
    await db.execProtocolRaw(message('S')).catch(() => undefined);
    if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
    session.release(connection);
  };

  socket.setNoDelay(true);
  socket.on('data', (chunk) => {
    reader.push(chunk);
    void drain();
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
    if (!draining) void leave();
  });
}
