/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677), which Postgres uses for password logins
 * by default: the stand-in logs in upstream with the password the client sent it in cleartext.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ScramSession {
  clientNonce: string;
  /** client-first-message-bare; Postgres takes the user from the startup message, hence `*`. */
  clientFirstBare: string;
}

export function startScram(
  clientNonce = randomBytes(18).toString('base64'),
  user = '*',
): ScramSession {
  return { clientNonce, clientFirstBare: `n=${user},r=${clientNonce}` };
}

/** The gs2 header `n,,`: no channel binding, which a plain TCP connection cannot offer. */
export function clientFirstMessage(session: ScramSession): string {
  return `n,,${session.clientFirstBare}`;
}

/**
 * Answers the server-first-message; returns the client-final-message and the server signature
 * that the server-final-message must carry, or throws on a malformed or dishonest challenge.
 */
export function clientFinalMessage(
  session: ScramSession,
  password: string,
  serverFirst: string,
): { message: string; serverSignature: string } {
  const attributes = new Map(
    serverFirst.split(',').map((part) => [part.slice(0, 1), part.slice(2)] as const),
  );
  const nonce = attributes.get('r') ?? '';
  const salt = Buffer.from(attributes.get('s') ?? '', 'base64');
  const iterations = Number(attributes.get('i'));
  if (!nonce.startsWith(session.clientNonce) || nonce === session.clientNonce) {
    throw new Error('SCRAM: the server nonce does not extend the client nonce');
  }
  if (salt.length === 0 || !Number.isInteger(iterations) || iterations < 1) {
    throw new Error('SCRAM: the server sent no usable salt or iteration count');
  }
  const withoutProof = `c=biws,r=${nonce}`;
  const authMessage = `${session.clientFirstBare},${serverFirst},${withoutProof}`;
  // NFKC is the normalisation step of SASLprep; ASCII passwords pass through it unchanged.
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  const storedKey = createHash('sha256').update(clientKey).digest();
  const signature = hmac(storedKey, authMessage);
  const proof = Buffer.from(clientKey.map((byte, i) => byte ^ (signature[i] ?? 0)));
  const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
  return { message: `${withoutProof},p=${proof.toString('base64')}`, serverSignature };
}

/** The server proves it knew the password too; a mismatch means it is not the server we asked. */
export function checkServerFinal(serverFinal: string, serverSignature: string): void {
  const received = Buffer.from(/(?:^|,)v=([^,]*)/.exec(serverFinal)?.[1] ?? '', 'base64');
  const expected = Buffer.from(serverSignature, 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new Error('SCRAM: the server signature does not match');
  }
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}
