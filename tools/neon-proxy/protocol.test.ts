/** Unit checks for the wire-protocol scanner and the delay line the tunnels rely on. */
import { describe, expect, it, vi } from 'vitest';
import { DelayLine } from './delay-line.ts';
import { errorResponse, FrontendScanner, terminateMessage } from './pg-frames.ts';

function untyped(code: number, extra = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + extra.length, 0);
  head.writeInt32BE(code, 4);
  return Buffer.concat([head, extra]);
}

function typed(type: string, body: Buffer | string): Buffer {
  const payload = Buffer.from(body);
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([head, payload]);
}

const startup = untyped(196608, Buffer.from('user\0postgres\0\0'));

describe('FrontendScanner', () => {
  it('finds Terminate after the startup message, even split byte by byte', () => {
    const scanner = new FrontendScanner();
    const stream = Buffer.concat([startup, typed('Q', 'SELECT 1\0'), terminateMessage]);
    const seen = [...stream].map((byte) => scanner.clientData(Buffer.from([byte])));
    expect(seen.lastIndexOf(true)).toBe(stream.length - 1);
    expect(seen.filter(Boolean)).toHaveLength(1);
  });

  it('ignores an X byte inside a message body or the startup packet', () => {
    const scanner = new FrontendScanner();
    expect(scanner.clientData(untyped(196608, Buffer.from('user\0X\0\0')))).toBe(false);
    expect(scanner.clientData(typed('Q', 'SELECT X\0'))).toBe(false);
    expect(scanner.clientData(typed('Q', Buffer.from([0x58, 0, 0, 0, 4])))).toBe(false);
    expect(scanner.atMessageBoundary()).toBe(true);
    expect(scanner.clientData(Buffer.concat([typed('S', ''), terminateMessage]))).toBe(true);
  });

  it('knows when it stands between two messages', () => {
    const scanner = new FrontendScanner();
    expect(scanner.atMessageBoundary()).toBe(false);
    scanner.clientData(startup);
    expect(scanner.atMessageBoundary()).toBe(true);
    scanner.clientData(typed('Q', 'SELECT 1\0').subarray(0, 7));
    expect(scanner.atMessageBoundary()).toBe(false);
  });

  it('follows a refused SSLRequest and stops looking once TLS starts', () => {
    const plain = new FrontendScanner();
    plain.clientData(untyped(80877103));
    plain.serverData(Buffer.from('N'));
    plain.clientData(startup);
    expect(plain.clientData(terminateMessage)).toBe(true);
    const tls = new FrontendScanner();
    tls.clientData(untyped(80877103));
    tls.serverData(Buffer.from('S'));
    expect(tls.clientData(terminateMessage)).toBe(false);
  });
});

describe('errorResponse', () => {
  it('builds a FATAL ErrorResponse with code and message fields', () => {
    const message = errorResponse('08004', 'nope');
    expect(message.subarray(0, 1).toString()).toBe('E');
    expect(message.readInt32BE(1)).toBe(message.length - 1);
    expect(message.subarray(5).toString()).toBe('SFATAL\0VFATAL\0C08004\0Mnope\0\0');
  });
});

describe('DelayLine', () => {
  it('delivers synchronously without a delay', () => {
    const seen: number[] = [];
    new DelayLine<number>(0, (n) => seen.push(n)).push(1);
    expect(seen).toEqual([1]);
  });

  it('holds every item for the delay and keeps the order', () => {
    vi.useFakeTimers();
    try {
      const seen: number[] = [];
      const line = new DelayLine<number>(50, (n) => seen.push(n));
      line.push(1);
      vi.advanceTimersByTime(20);
      line.push(2);
      line.push(3);
      vi.advanceTimersByTime(29);
      expect(seen).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(seen).toEqual([1]);
      vi.advanceTimersByTime(20);
      expect(seen).toEqual([1, 2, 3]);
      line.push(4);
      line.stop();
      vi.advanceTimersByTime(100);
      expect(seen).toEqual([1, 2, 3]);
    } finally {
      vi.useRealTimers();
    }
  });
});
