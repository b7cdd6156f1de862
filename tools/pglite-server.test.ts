/**
 * The embedded server shares one PGlite session between its connections: what one connection
 * starts (an extended-protocol cycle, a transaction) must finish before another's statements run.
 */
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  int32,
  type Message,
  MessageReader,
  message,
  startupMessage,
} from './neon-proxy/pg-frames.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './pglite-server.ts';

let server: EmbeddedPostgres;

beforeAll(async () => {
  server = await startEmbeddedPostgres();
  await query('CREATE TABLE notes (id int)');
});

afterAll(async () => {
  await server?.close();
});

async function client(): Promise<pg.Client> {
  const c = new pg.Client(server.url);
  await c.connect();
  return c;
}

async function query(text: string): Promise<pg.QueryResult> {
  const c = await client();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** Settles to 'pending' if the promise has not settled after a few turns of the event loop. */
async function stateOf(promise: Promise<unknown>): Promise<'settled' | 'pending'> {
  const pending = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 200));
  return Promise.race([promise.then(() => 'settled' as const), pending]);
}

/** A bare wire-protocol connection, to stop between messages where a driver never would. */
class RawConnection {
  private readonly reader = new MessageReader();
  private readonly waiters: (() => void)[] = [];
  private readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk) => {
      this.reader.push(chunk);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(): Promise<RawConnection> {
    const { hostname, port } = new URL(server.url);
    const socket = connect({ host: hostname, port: Number(port) });
    await new Promise((resolve) => socket.once('connect', resolve));
    const raw = new RawConnection(socket);
    raw.send(
      startupMessage(
        new Map([
          ['user', 'postgres'],
          ['database', 'postgres'],
        ]),
      ),
    );
    await raw.readUntil('Z');
    return raw;
  }

  send(...messages: Buffer[]): void {
    this.socket.write(Buffer.concat(messages));
  }

  async readUntil(type: string): Promise<Message[]> {
    const seen: Message[] = [];
    for (;;) {
      const next = this.reader.next(true, 1 << 20);
      if (next === undefined) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      seen.push(next);
      if (next.type === type) return seen;
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}

describe('embedded PGlite server', () => {
  it('runs no other connection between a Parse/Bind and its Execute/Sync', async () => {
    const raw = await RawConnection.open();
    const other = await client();
    try {
      // Parse and Bind the unnamed statement and portal, then stop before Execute.
      const param = Buffer.from('7');
      raw.send(
        message('P', '', 'SELECT $1::int AS n', Buffer.from([0, 0])),
        message(
          'B',
          '',
          '',
          Buffer.from([0, 0, 0, 1]),
          int32(param.length),
          param,
          Buffer.from([0, 0]),
        ),
        message('H'),
      );
      await raw.readUntil('2');
      // A simple query would drop the unnamed portal: it has to wait for the Sync.
      const simple = other.query('SELECT 1');
      expect(await stateOf(simple)).toBe('pending');

      raw.send(message('E', '', int32(0)), message('S'));
      const answer = await raw.readUntil('Z');
      expect(answer.map((m) => m.type)).toEqual(['D', 'C', 'Z']);
      expect(answer[0]?.body.subarray(6).toString()).toBe('7');
      expect((await simple).rows).toEqual([{ '?column?': 1 }]);
    } finally {
      raw.destroy();
      await other.end();
    }
  });

  it('keeps other connections out of an open transaction until it ends', async () => {
    const [writer, reader] = [await client(), await client()];
    try {
      await writer.query('BEGIN');
      await writer.query('INSERT INTO notes VALUES (1)');
      const count = reader.query('SELECT count(*)::int AS n FROM notes');
      expect(await stateOf(count)).toBe('pending');
      await writer.query('ROLLBACK');
      expect((await count).rows).toEqual([{ n: 0 }]);
    } finally {
      await Promise.all([writer.end(), reader.end()]);
    }
  });

  it('rolls back the transaction of a connection that drops, and frees the session', async () => {
    const raw = await RawConnection.open();
    raw.send(message('Q', 'BEGIN; INSERT INTO notes VALUES (2)'));
    await raw.readUntil('Z');
    const count = query('SELECT count(*)::int AS n FROM notes');
    expect(await stateOf(count)).toBe('pending');
    raw.destroy();
    expect((await count).rows).toEqual([{ n: 0 }]);
  });

  it('sends large results intact', async () => {
    const { rows } = await query(
      `SELECT i, repeat(chr(64 + i), 1048576) AS chunk FROM generate_series(1, 12) AS i`,
    );
    expect(
      rows.map((row) => row.chunk === String.fromCharCode(64 + row.i).repeat(1 << 20)),
    ).toEqual(Array(12).fill(true));
  });

  it('gives every concurrent client its own results', async () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 8 });
    try {
      const runs = Array.from({ length: 80 }, async (_, n) => {
        const c = await pool.connect();
        try {
          if (n % 2 === 0) await c.query('BEGIN');
          const { rows } = await c.query('SELECT $1::int AS n', [n]);
          if (n % 2 === 0) await c.query('COMMIT');
          await c.query('RESET ALL; DEALLOCATE ALL');
          return rows[0]?.n;
        } finally {
          c.release();
        }
      });
      expect(await Promise.all(runs)).toEqual(Array.from({ length: 80 }, (_, n) => n));
    } finally {
      await pool.end();
    }
  });
});
