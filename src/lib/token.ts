/** Access tokens: HS256 JWTs whose subject is the user id; the algorithm is pinned on verify. */
import { sign, verify } from 'hono/jwt';

const ALGORITHM = 'HS256';

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

export async function issueAccessToken(
  userId: number,
  secret: string,
  ttlSeconds: number,
): Promise<IssuedToken> {
  const now = Math.floor(Date.now() / 1000);
  const token = await sign(
    { sub: String(userId), iat: now, exp: now + ttlSeconds },
    secret,
    ALGORITHM,
  );
  return { token, expiresIn: ttlSeconds };
}

/** The user id a valid token names, or undefined for anything forged, expired or malformed. */
export async function readAccessToken(token: string, secret: string): Promise<number | undefined> {
  try {
    const payload = await verify(token, secret, { alg: ALGORITHM, exp: true, iat: true });
    const id = Number(payload.sub);
    if (typeof payload.exp !== 'number' || !Number.isSafeInteger(id) || id < 1) return undefined;
    return id;
  } catch {
    return undefined;
  }
}
