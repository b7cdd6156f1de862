/** Just enough of the Postgres wire protocol to log a client in and to relay it afterwards. */

export const protocolVersion3 = 196608;
export const sslRequestCode = 80877103;
export const gssEncRequestCode = 80877104;
export const cancelRequestCode = 80877102;
const terminateType = 0x58; // 'X'

export interface Message {
  type: string;
  body: Buffer;
  /** The whole message as it arrived, to relay it untouched. */
  raw: Buffer;
}

/**
 * Collects bytes and hands out whole messages. Messages before the startup message carry no
 * type byte; every later one does. A declared length outside 4..maxLength is a protocol error.
 */
export class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  next(typed: boolean, maxLength: number): Message | undefined {
    const head = typed ? 1 : 0;
    if (this.buffer.length < head + 4) return undefined;
    const length = this.buffer.readInt32BE(head);
    if (length < 4 || length > maxLength) throw new Error(`invalid message length ${length}`);
    if (this.buffer.length < head + length) return undefined;
    const raw = this.buffer.subarray(0, head + length);
    this.buffer = this.buffer.subarray(head + length);
    const type = typed ? String.fromCharCode(raw[0] ?? 0) : '';
    return { type, body: raw.subarray(head + 4), raw };
  }

  /** Whatever arrived after the last whole message. */
  rest(): Buffer {
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    return rest;
  }
}

export function message(type: string, ...parts: (Buffer | string)[]): Buffer {
  const body = Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? cstring(part) : part)),
  );
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

export function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

/** A protocol 3.0 StartupMessage with the given parameters (user, database, …). */
export function startupMessage(params: Map<string, string>): Buffer {
  const pairs = [...params].flatMap(([key, value]) => [cstring(key), cstring(value)]);
  const body = Buffer.concat([int32(protocolVersion3), ...pairs, Buffer.from([0])]);
  return Buffer.concat([int32(body.length + 4), body]);
}

/** NUL-terminated, as the protocol writes strings; a NUL inside would end it early. */
function cstring(text: string): Buffer {
  return Buffer.from(`${text.replaceAll('\0', '')}\0`, 'utf8');
}

export const terminateMessage = message('X');

/** A FATAL ErrorResponse, so a refused client sees a readable Postgres error, not a bare close. */
export function errorResponse(code: string, text: string): Buffer {
  return message('E', `SFATAL`, `VFATAL`, `C${code}`, `M${text}`, Buffer.from([0]));
}

/**
 * Follows the message boundaries of an established session without buffering bodies, to spot
 * the client's Terminate and to know when a goodbye can be slipped in between two messages.
 */
export class FrontendScanner {
  private header = Buffer.alloc(5);
  private filled = 0;
  private remaining = 0;
  private lost = false;

  /** Returns true when the chunk contains a Terminate message. */
  clientData(chunk: Buffer): boolean {
    let offset = 0;
    let terminated = false;
    while (offset < chunk.length && !this.lost) {
      if (this.remaining > 0) {
        const skip = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= skip;
        offset += skip;
        continue;
      }
      const take = Math.min(5 - this.filled, chunk.length - offset);
      chunk.copy(this.header, this.filled, offset, offset + take);
      this.filled += take;
      offset += take;
      if (this.filled < 5) break;
      this.filled = 0;
      const length = this.header.readInt32BE(1);
      // A client that breaks framing is followed no further; Postgres will hang up on it.
      if (length < 4) this.lost = true;
      this.remaining = Math.max(0, length - 4);
      terminated ||= this.header[0] === terminateType;
    }
    return terminated;
  }

  /** True between two whole messages, where a Terminate may be sent on the client's behalf. */
  atMessageBoundary(): boolean {
    return !this.lost && this.filled === 0 && this.remaining === 0;
  }
}
