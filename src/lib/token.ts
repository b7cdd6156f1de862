/** Access tokens: HS256 JWTs whose subject is the user id; the algorithm is pinned on verify. */
import { sign, verify } from 'hono/jwt';

const ALGORITHM = 'HS256';
const MAX_ID = 2_147_483_647;

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
    // Ids are Postgres integers: a larger sub would fail the lookup with a 500, not a 401.
    if (typeof payload.exp !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_ID)
      return undefined;
    return id;
  } catch {
    return undefined;
  }
}
