/**
 * The client's half of a login over WebSocket, answered by the stand-in as Neon's proxy answers
 * it: plain text only, and the password asked for in cleartext (AuthenticationCleartextPassword),
 * which is what lets the driver send it unasked (`pipelineConnect: 'password'`).
 */
import {
  cancelRequestCode,
  gssEncRequestCode,
  int32,
  MessageReader,
  message,
  sslRequestCode,
} from './pg-frames.ts';

export type Startup =
  | { kind: 'login'; params: Map<string, string>; password: string; rest: Buffer }
  | { kind: 'cancel'; packet: Buffer };

/** A refusal the client sees as a FATAL ErrorResponse with this SQLSTATE. */
export class StartupError extends Error {
  readonly code: string;

  constructor(code: string, text: string) {
    super(text);
    this.code = code;
  }
}

/** Postgres's own limits: 10,000 bytes for a startup packet, 65,535 for a password. */
const maxStartupLength = 10_000;
const maxPasswordLength = 65_535;

export class ClientStartup {
  private readonly reader = new MessageReader();
  private params: Map<string, string> | undefined;
  private readonly reply: (data: Buffer) => void;

  constructor(reply: (data: Buffer) => void) {
    this.reply = reply;
  }

  /** Feeds the client's bytes; returns the outcome once the client has said enough. */
  push(chunk: Buffer): Startup | undefined {
    this.reader.push(chunk);
    try {
      return this.params ? this.readPassword(this.params) : this.readStartup();
    } catch (error) {
      if (error instanceof StartupError) throw error;
      throw new StartupError('08P01', `invalid startup packet: ${(error as Error).message}`);
    }
  }

  private readStartup(): Startup | undefined {
    const packet = this.reader.next(false, maxStartupLength);
    if (!packet) return undefined;
    const code = packet.body.length >= 4 ? packet.body.readInt32BE(0) : 0;
    if (code === sslRequestCode || code === gssEncRequestCode) {
      // The WebSocket carries the encryption, as on Neon; Postgres-level TLS is declined.
      this.reply(Buffer.from('N'));
      return this.readStartup();
    }
    if (code === cancelRequestCode && packet.raw.length === 16) {
      return { kind: 'cancel', packet: packet.raw };
    }
    if (code >> 16 !== 3) {
      throw new StartupError(
        '0A000',
        `unsupported frontend protocol ${code >> 16}.${code & 0xffff}`,
      );
    }
    const words = packet.body.subarray(4).toString('utf8').split('\0');
    const params = new Map<string, string>();
    for (let i = 0; i + 1 < words.length && words[i]; i += 2) {
      params.set(words[i] ?? '', words[i + 1] ?? '');
    }
    if (!params.get('user')) throw new StartupError('28000', 'no PostgreSQL user name specified');
    this.params = params;
    this.reply(message('R', int32(3)));
    return this.readPassword(params);
  }

  private readPassword(params: Map<string, string>): Startup | undefined {
    const response = this.reader.next(true, maxPasswordLength);
    if (!response) return undefined;
    if (response.type !== 'p') {
      throw new StartupError(
        '08P01',
        `expected password response, got message type ${response.type}`,
      );
    }
    const password = response.body.toString('utf8').replace(/\0$/, '');
    // Neon authenticates every login with its password; an empty one never matches.
    if (!password) {
      const user = params.get('user') ?? '';
      throw new StartupError('28P01', `password authentication failed for user "${user}"`);
    }
    return { kind: 'login', params, password, rest: this.reader.rest() };
  }
}
