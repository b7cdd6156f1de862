/** Just enough of the Postgres wire protocol to spot Terminate and to answer with an error. */

const sslRequestCode = 80877103;
const gssEncRequestCode = 80877104;
const terminateType = 0x58; // 'X'

type Mode = 'untyped' | 'typed' | 'awaitingSslReply' | 'opaque';

/**
 * Follows the client's message boundaries without buffering bodies. Before the startup message
 * the frames carry no type byte; once TLS is negotiated the bytes are opaque and we stop looking.
 */
export class FrontendScanner {
  private mode: Mode = 'untyped';
  private header = Buffer.alloc(8);
  private filled = 0;
  private remaining = 0;

  /** Returns true when the chunk contains a Terminate message. */
  clientData(chunk: Buffer): boolean {
    let offset = 0;
    let terminated = false;
    while (offset < chunk.length && this.mode !== 'opaque') {
      if (this.mode === 'awaitingSslReply') {
        this.mode = 'opaque';
        break;
      }
      if (this.remaining > 0) {
        const skip = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= skip;
        offset += skip;
        continue;
      }
      const need = this.mode === 'typed' ? 5 : 8;
      const take = Math.min(need - this.filled, chunk.length - offset);
      chunk.copy(this.header, this.filled, offset, offset + take);
      this.filled += take;
      offset += take;
      if (this.filled === need) terminated = this.headerComplete() || terminated;
    }
    return terminated;
  }

  /** The reply to SSLRequest is one byte: 'N' keeps plain text, anything else starts TLS. */
  serverData(chunk: Buffer): void {
    if (this.mode === 'awaitingSslReply' && chunk.length > 0) {
      this.mode = chunk[0] === 0x4e ? 'untyped' : 'opaque';
    }
  }

  /** True between two whole messages of an established session, where a Terminate may go. */
  atMessageBoundary(): boolean {
    return this.mode === 'typed' && this.filled === 0 && this.remaining === 0;
  }

  private headerComplete(): boolean {
    this.filled = 0;
    if (this.mode === 'typed') {
      const length = this.header.readInt32BE(1);
      if (length < 4) this.mode = 'opaque';
      this.remaining = Math.max(0, length - 4);
      return this.header[0] === terminateType;
    }
    const length = this.header.readInt32BE(0);
    const code = this.header.readInt32BE(4);
    if (length < 8) {
      this.mode = 'opaque';
      return false;
    }
    this.remaining = length - 8;
    if (code === sslRequestCode || code === gssEncRequestCode) this.mode = 'awaitingSslReply';
    else if (code >> 16 === 3) this.mode = 'typed';
    return false;
  }
}

export const terminateMessage = Buffer.from([terminateType, 0, 0, 0, 4]);

/** A FATAL ErrorResponse, so a refused client sees a readable Postgres error, not a bare close. */
export function errorResponse(code: string, message: string): Buffer {
  // Fields are NUL-terminated, so a NUL smuggled into the message would corrupt the frame.
  const fields = [`SFATAL`, `VFATAL`, `C${code}`, `M${message.replaceAll('\0', '')}`]
    .map((field) => Buffer.from(`${field}\0`, 'utf8'))
    .concat(Buffer.from([0]));
  const body = Buffer.concat(fields);
  const head = Buffer.alloc(5);
  head.write('E', 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
