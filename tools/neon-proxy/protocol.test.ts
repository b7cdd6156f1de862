/** Unit checks for the wire-protocol pieces, SCRAM and the delay line the tunnels rely on. */
import { describe, expect, it, vi } from 'vitest';
import { ClientStartup } from './client-startup.ts';
import { DelayLine } from './delay-line.ts';
import { errorResponse, FrontendScanner, MessageReader, terminateMessage } from './pg-frames.ts';
import { checkServerFinal, clientFinalMessage, clientFirstMessage, startScram } from './scram.ts';

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
  it('finds Terminate, even split byte by byte', () => {
    const scanner = new FrontendScanner();
    const stream = Buffer.concat([typed('Q', 'SELECT 1\0'), terminateMessage]);
    const seen = [...stream].map((byte) => scanner.clientData(Buffer.from([byte])));
    expect(seen.lastIndexOf(true)).toBe(stream.length - 1);
    expect(seen.filter(Boolean)).toHaveLength(1);
  });

  it('ignores an X byte inside a message body', () => {
    const scanner = new FrontendScanner();
    expect(scanner.clientData(typed('Q', 'SELECT X\0'))).toBe(false);
    expect(scanner.clientData(typed('Q', Buffer.from([0x58, 0, 0, 0, 4])))).toBe(false);
    expect(scanner.atMessageBoundary()).toBe(true);
    expect(scanner.clientData(Buffer.concat([typed('S', ''), terminateMessage]))).toBe(true);
  });

  it('knows when it stands between two messages, and stops following broken framing', () => {
    const scanner = new FrontendScanner();
    expect(scanner.atMessageBoundary()).toBe(true);
    scanner.clientData(typed('Q', 'SELECT 1\0').subarray(0, 7));
    expect(scanner.atMessageBoundary()).toBe(false);
    const broken = new FrontendScanner();
    expect(broken.clientData(Buffer.from([0x51, 0, 0, 0, 1, 0x58, 0, 0, 0, 4]))).toBe(false);
    expect(broken.atMessageBoundary()).toBe(false);
  });
});

describe('MessageReader', () => {
  it('hands out whole messages, typed or not, and keeps the rest', () => {
    const reader = new MessageReader();
    const both = Buffer.concat([startup, typed('p', 'pw\0'), Buffer.from('Q')]);
    reader.push(both.subarray(0, 3));
    expect(reader.next(false, 10_000)).toBeUndefined();
    reader.push(both.subarray(3));
    expect(reader.next(false, 10_000)?.raw).toEqual(startup);
    expect(reader.next(true, 100)).toMatchObject({ type: 'p', body: Buffer.from('pw\0') });
    expect(reader.next(true, 100)).toBeUndefined();
    expect(reader.rest()).toEqual(Buffer.from('Q'));
  });

  it('refuses a length outside the protocol and the limit', () => {
    for (const length of [3, 10_001]) {
      const reader = new MessageReader();
      reader.push(Buffer.from([0, 0, length >> 8, length & 255, 0, 0, 0, 0]));
      expect(() => reader.next(false, 10_000)).toThrow(/invalid message length/);
    }
  });
});

describe('ClientStartup', () => {
  function login(...chunks: Buffer[]) {
    const replies: Buffer[] = [];
    const startup = new ClientStartup((data) => replies.push(data));
    const outcomes = chunks.map((chunk) => startup.push(chunk));
    return { replies, outcome: outcomes.at(-1) };
  }

  it('declines TLS, asks for the password in cleartext and keeps what follows it', () => {
    const query = typed('Q', 'SELECT 1\0');
    const password = typed('p', 'pw\0');
    const { replies, outcome } = login(
      untyped(80877103),
      startup,
      Buffer.concat([password, query]),
    );
    expect(replies).toEqual([Buffer.from('N'), Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])]);
    const expected = {
      kind: 'login',
      params: new Map([['user', 'postgres']]),
      password: 'pw',
      rest: query,
    };
    expect(outcome).toEqual(expected);
    // The driver's default, pipelineConnect 'password': all of it in one message, unasked.
    expect(login(Buffer.concat([startup, password, query])).outcome).toEqual(expected);
  });

  it('passes a cancel request on untouched', () => {
    const cancel = untyped(80877102, Buffer.from([0, 0, 0, 7, 0, 0, 0, 9]));
    expect(login(cancel).outcome).toEqual({ kind: 'cancel', packet: cancel });
  });

  it.each([
    ['garbage', Buffer.from('GET / HTTP/1.1\r\n\r\n'), '08P01'],
    ['protocol 2', untyped(131072, Buffer.from('user\0u\0\0')), '0A000'],
    ['no user', untyped(196608, Buffer.from('\0')), '28000'],
    ['a query instead of a password', Buffer.concat([startup, typed('Q', 'SELECT 1\0')]), '08P01'],
    ['an empty password', Buffer.concat([startup, typed('p', '\0')]), '28P01'],
  ])('refuses %s with a Postgres error code', (_case, bytes, code) => {
    expect(() => login(bytes)).toThrow(expect.objectContaining({ code }));
  });
});

describe('SCRAM-SHA-256', () => {
  it('computes the proof and the server signature of RFC 7677, section 3', () => {
    const session = startScram('rOprNGfwEbeRWgbNEkqO', 'user');
    expect(clientFirstMessage(session)).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const serverFirst =
      'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
    const answer = clientFinalMessage(session, 'pencil', serverFirst);
    expect(answer.message).toBe(
      'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    );
    expect(() =>
      checkServerFinal('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=', answer.serverSignature),
    ).not.toThrow();
    expect(() => checkServerFinal('v=AAAA', answer.serverSignature)).toThrow(/does not match/);
  });

  it('refuses a server nonce that does not extend its own', () => {
    const session = startScram('abc');
    expect(() => clientFinalMessage(session, 'pw', 'r=xyz,s=c2FsdA==,i=4096')).toThrow(/nonce/);
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
