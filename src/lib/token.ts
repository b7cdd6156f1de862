/**
 * Access tokens: HS256 JWTs naming the user (`sub`) and the account's token version (`ver`); the
 * algorithm is pinned on verify and every claim is checked strictly, so nothing the app did not
 * issue can pass for a token it did.
 */
import { sign, verify } from 'hono/jwt';

const ALGORITHM = 'HS256';
const MAX_INT4 = 2_147_483_647;
/** The longest lifetime the configuration allows (env.ts): a longer-lived token was not ours. */
const MAX_TTL_SECONDS = 86_400;
/** Tolerated clock difference for `iat` between the Worker that issued and the one checking. */
const CLOCK_SKEW_SECONDS = 60;

export interface TokenSubject {
  id: number;
  /** users.token_version when the token was issued; a logout or password change bumps it. */
  tokenVersion: number;
}

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

export async function issueAccessToken(
  subject: TokenSubject,
  secret: string,
  ttlSeconds: number,
): Promise<IssuedToken> {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: String(subject.id),
    ver: subject.tokenVersion,
    iat: now,
    exp: now + ttlSeconds,
  };
  return { token: await sign(claims, secret, ALGORITHM), expiresIn: ttlSeconds };
}

/** Who a valid token names, or undefined for anything forged, expired or malformed. */
export async function readAccessToken(
  token: string,
  secret: string,
): Promise<TokenSubject | undefined> {
  let payload: Record<string, unknown>;
  try {
    // iat is checked below, with a tolerance for clocks a second apart.
    payload = await verify(token, secret, { alg: ALGORITHM, exp: true, nbf: true, iat: false });
  } catch {
    return undefined;
  }
  const { sub, ver, iat, exp } = payload;
  // A decimal id as the app writes it: no sign, no leading zeros, within Postgres integer range.
  if (typeof sub !== 'string' || !/^[1-9]\d{0,9}$/.test(sub) || Number(sub) > MAX_INT4) return;
  if (!isCount(ver) || !isCount(iat) || !isCount(exp)) return;
  const now = Math.floor(Date.now() / 1000);
  if (iat > now + CLOCK_SKEW_SECONDS || exp <= iat || exp - iat > MAX_TTL_SECONDS) return;
  return { id: Number(sub), tokenVersion: ver };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2 ** 53;
}
