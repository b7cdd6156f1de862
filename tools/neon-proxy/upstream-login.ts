/**
 * Logs in to Postgres for a WebSocket client, as Neon's proxy logs in to compute: with the
 * client's startup parameters and the password the client sent in cleartext, by whatever method
 * the server asks for (trust, cleartext, MD5 or SCRAM-SHA-256).
 */
import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { int32, MessageReader, message, startupMessage } from './pg-frames.ts';
import { checkServerFinal, clientFinalMessage, clientFirstMessage, startScram } from './scram.ts';

/** Postgres refused the login; `response` is its ErrorResponse, to relay to the client as is. */
export class LoginRefused extends Error {
  readonly response: Buffer;

  constructor(response: Buffer) {
    super('Postgres refused the login');
    this.response = response;
  }
}

/**
 * Resolves with everything the server sent from AuthenticationOk on (parameters, BackendKeyData,
 * ReadyForQuery), which the client receives as if it had logged in itself.
 */
export function loginUpstream(
  socket: Socket,
  params: Map<string, string>,
  password: string,
): Promise<Buffer> {
  const user = params.get('user') ?? '';
  const reader = new MessageReader();
  let scram: { session: ReturnType<typeof startScram>; serverSignature?: string } | undefined;
  const send = (data: Buffer) => socket.write(data);

  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      socket.off('data', onData);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      reader.push(chunk);
      try {
        for (let next = reader.next(true, 1 << 20); next; next = reader.next(true, 1 << 20)) {
          if (next.type === 'E') throw new LoginRefused(next.raw);
          if (next.type !== 'R') continue;
          const code = next.body.readInt32BE(0);
          const data = next.body.subarray(4);
          if (code === 0) {
            socket.off('data', onData);
            resolve(Buffer.concat([next.raw, reader.rest()]));
            return;
          }
          if (code === 3) send(message('p', password));
          else if (code === 5) send(message('p', md5Password(user, password, data)));
          else if (code === 10) {
            if (!data.toString('latin1').split('\0').includes('SCRAM-SHA-256')) {
              throw new Error('the server offers no SASL mechanism the proxy supports');
            }
            scram = { session: startScram() };
            const first = Buffer.from(clientFirstMessage(scram.session));
            send(message('p', 'SCRAM-SHA-256', int32(first.length), first));
          } else if (code === 11 && scram) {
            const answer = clientFinalMessage(scram.session, password, data.toString('utf8'));
            scram.serverSignature = answer.serverSignature;
            send(message('p', Buffer.from(answer.message)));
          } else if (code === 12 && scram?.serverSignature) {
            checkServerFinal(data.toString('utf8'), scram.serverSignature);
          } else {
            throw new Error(`unsupported authentication request ${code}`);
          }
        }
      } catch (error) {
        fail(error as Error);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => fail(new Error('Postgres closed the connection during login')));
    send(startupMessage(params));
  });
}

/** `md5` + md5(md5(password + user) + salt), as Postgres's md5 method expects. */
function md5Password(user: string, password: string, salt: Buffer): string {
  const inner = createHash('md5')
    .update(password + user)
    .digest('hex');
  return `md5${createHash('md5')
    .update(Buffer.concat([Buffer.from(inner), salt]))
    .digest('hex')}`;
}
