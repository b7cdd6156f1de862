/** The token endpoint: verify the password, stamp last_login, issue a bearer token. */
import type { Database } from '../../db/client.ts';
import { hashPassword, verifyDummyPassword, verifyPassword } from '../../lib/password.ts';
import { forbidden, unauthorized } from '../../lib/problem.ts';
import { issueAccessToken } from '../../lib/token.ts';
import type { AppRouteHandler as Handler } from '../../types.ts';
import { findCredentials, recordLogin } from './auth.repository.ts';
import type { createTokenRoute } from './auth.routes.ts';

/** One message for unknown users and wrong passwords, so neither reveals which accounts exist. */
const BAD_CREDENTIALS = 'Incorrect username or password.';

export const createToken: Handler<typeof createTokenRoute> = async (c) => {
  // The media type decides, not a substring: `application/json; x=x-www-form-urlencoded` is JSON.
  const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  const isForm = mediaType === 'application/x-www-form-urlencoded';
  const { username, password } = isForm ? c.req.valid('form') : c.req.valid('json');
  const userId = await logIn(c.var.db, username, password);
  const { JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS } = c.var.config;
  const issued = await issueAccessToken(userId, JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS);
  c.header('Cache-Control', 'no-store');
  return c.json(
    { access_token: issued.token, token_type: 'bearer' as const, expires_in: issued.expiresIn },
    200,
  );
};

/**
 * The user's id when the password is right and the account active, after stamping last_login
 * (and re-hashing an outdated hash). Two statements: the second depends on the check between.
 */
async function logIn(db: Database, username: string, password: string): Promise<number> {
  const user = await findCredentials(db, username);
  if (!user) {
    await verifyDummyPassword(password);
    throw unauthorized(BAD_CREDENTIALS);
  }
  const { valid, needsRehash } = await verifyPassword(password, user.hashedPassword);
  if (!valid) throw unauthorized(BAD_CREDENTIALS);
  if (!user.isActive) throw forbidden('This account is deactivated.');
  await recordLogin(db, user.id, needsRehash ? await hashPassword(password) : undefined);
  return user.id;
}
