/**
 * The stand-in's login to Postgres by each method a server may ask for, against a scripted
 * server that checks what it receives (local test databases trust every login, so they cannot).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { int32, MessageReader, message } from './pg-frames.ts';
import { LoginRefused, loginUpstream } from './upstream-login.ts';

const password = 'pässword 1';
const params = new Map([
  ['user', 'alice'],
  ['database', 'shop'],
]);
const ready = Buffer.concat([message('R', int32(0)), message('Z', 'I')]);
let close: (() => void) | undefined;

afterEach(() => close?.());

type Script = (read: () => Promise<Buffer>, write: (data: Buffer) => void) => Promise<void>;

/** A one-connection server running `script`; resolves with a socket connected to it. */
async function serve(script: Script): Promise<Socket> {
  const server = createServer((socket) => {
    const reader = new MessageReader();
    const waiting: ((body: Buffer) => void)[] = [];
    let typed = false;
    socket.on('data', (chunk) => {
      reader.push(chunk);
      for (let next = reader.next(typed, 1 << 16); next; next = reader.next(typed, 1 << 16)) {
        typed = true;
        waiting.shift()?.(next.body);
      }
    });
    const read = () => new Promise<Buffer>((resolve) => waiting.push(resolve));
    script(read, (data) => socket.write(data)).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  close = () => {
    socket.destroy();
    server.close();
  };
  return socket;
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

describe('loginUpstream', () => {
  it('answers trust, and returns everything from AuthenticationOk on', async () => {
    const socket = await serve(async (read, write) => {
      const startup = await read();
      expect(startup.subarray(4).toString()).toBe('user\0alice\0database\0shop\0\0');
      write(ready);
    });
    expect(await loginUpstream(socket, params, password)).toEqual(ready);
  });

  it('sends the password in cleartext, or hashed with MD5, when asked', async () => {
    const salt = Buffer.from([1, 2, 3, 4]);
    const md5 = (text: Buffer | string) => createHash('md5').update(text).digest('hex');
    const inner = md5(`${password}alice`);
    const expected = `md5${md5(Buffer.concat([Buffer.from(inner), salt]))}\0`;
    for (const [request, answer] of [
      [int32(3), `${password}\0`],
      [Buffer.concat([int32(5), salt]), expected],
    ] as const) {
      const socket = await serve(async (read, write) => {
        await read();
        write(message('R', request));
        expect((await read()).toString()).toBe(answer);
        write(ready);
      });
      expect(await loginUpstream(socket, params, password)).toEqual(ready);
      close?.();
    }
  });

  it('logs in with SCRAM-SHA-256 and checks the server signature', async () => {
    const salt = randomBytes(16);
    const socket = await serve(async (read, write) => {
      await read();
      write(message('R', int32(10), 'SCRAM-SHA-256', Buffer.from([0])));
      const initial = await read();
      expect(initial.subarray(0, 14).toString()).toBe('SCRAM-SHA-256\0');
      const clientFirstBare = initial.subarray(18).toString().replace(/^n,,/, '');
      const nonce = `${/r=([^,]+)/.exec(clientFirstBare)?.[1]}server`;
      const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=4096`;
      write(message('R', int32(11), Buffer.from(serverFirst)));
      const final = (await read()).toString();
      const withoutProof = final.replace(/,p=.*$/, '');
      const auth = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const salted = pbkdf2Sync(password, salt, 4096, 32, 'sha256');
      const clientKey = hmac(salted, 'Client Key');
      const storedKey = createHash('sha256').update(clientKey).digest();
      const signature = hmac(storedKey, auth);
      const proof = Buffer.from(/p=(.*)$/.exec(final)?.[1] ?? '', 'base64');
      const recovered = Buffer.from(proof.map((byte, i) => byte ^ (signature[i] ?? 0)));
      expect(createHash('sha256').update(recovered).digest()).toEqual(storedKey);
      const verifier = hmac(hmac(salted, 'Server Key'), auth).toString('base64');
      write(Buffer.concat([message('R', int32(12), Buffer.from(`v=${verifier}`)), ready]));
    });
    expect(await loginUpstream(socket, params, password)).toEqual(ready);
  });

  it("relays Postgres's refusal, and gives up on a server it cannot trust", async () => {
    const refusal = message(
      'E',
      'SFATAL',
      'C28P01',
      'Mpassword authentication failed',
      Buffer.from([0]),
    );
    const refusing = await serve(async (read, write) => {
      await read();
      write(message('R', int32(3)));
      await read();
      write(refusal);
    });
    const refused = loginUpstream(refusing, params, password);
    await expect(refused).rejects.toBeInstanceOf(LoginRefused);
    await expect(refused).rejects.toMatchObject({ response: refusal });
    close?.();
    const gss = await serve(async (read, write) => {
      await read();
      write(message('R', int32(7)));
    });
    await expect(loginUpstream(gss, params, password)).rejects.toThrow(
      /unsupported authentication/,
    );
  });
});
