/** Credentials: log in, log out everywhere, change the password. */
import type { Context } from 'hono';
import { actAs, readAs } from '../../auth/authorize.ts';
import { actAsUser } from '../../auth/policies.ts';
import type { Database } from '../../db/client.ts';
import { describeError, logEvent } from '../../lib/log.ts';
import { hashPassword, verifyDummyPassword, verifyPassword } from '../../lib/password.ts';
import { forbidden, unauthorized } from '../../lib/problem.ts';
import { issueAccessToken, type TokenSubject } from '../../lib/token.ts';
import { isFormBody } from '../../middleware/json-body.ts';
import type { AppEnv, AppRouteHandler as Handler } from '../../types.ts';
import {
  findCredentials,
  findPasswordHash,
  recordLogin,
  replacePassword,
  revokeTokens,
} from './auth.repository.ts';
import type { changePasswordRoute, createTokenRoute, logoutRoute } from './auth.routes.ts';

/** One message for unknown users and wrong passwords, so neither reveals which accounts exist. */
const BAD_CREDENTIALS = 'Incorrect username or password.';

export const createToken: Handler<typeof createTokenRoute> = async (c) => {
  // The media type decides, not a substring: `application/json; x=x-www-form-urlencoded` is JSON.
  const isForm = isFormBody(c.req.header('Content-Type'));
  const { username, password } = isForm ? c.req.valid('form') : c.req.valid('json');
  const subject = await logIn(c, username, password);
  return c.json(await tokenFor(c, subject), 200, { 'Cache-Control': 'no-store' });
};

export const logout: Handler<typeof logoutRoute> = async (c) => {
  const { db, caller } = c.var;
  await actAs(db, caller, actAsUser(caller.id), (permission) => [
    revokeTokens(db, caller.id, permission),
  ]);
  return c.body(null, 204);
};

/** Two round trips, like login: read the hash, check it in the Worker, then write. */
export const changePassword: Handler<typeof changePasswordRoute> = async (c) => {
  const { db, caller } = c.var;
  const { current_password, new_password } = c.req.valid('json');
  const [, [stored]] = await readAs(db, caller, findPasswordHash(db, caller.id));
  const { valid } = await verifyPassword(current_password, stored?.hashedPassword ?? '');
  if (!stored || !valid) throw forbidden('The current password is wrong.');
  const change = { from: stored.hashedPassword, to: await hashPassword(new_password) };
  const [, [{ tokenVersion }]] = await actAs(db, caller, actAsUser(caller.id), (permission) => [
    replacePassword(db, caller.id, change, permission),
  ]);
  const token = await tokenFor(c, { id: caller.id, tokenVersion });
  return c.json(token, 200, { 'Cache-Control': 'no-store' });
};

/**
 * Who the credentials belong to, if the password is right and the account active. One round
 * trip before answering: last_login (and a re-hash of an outdated hash) is written afterwards,
 * best-effort, with waitUntil; a failure there is logged and does not fail the login.
 */
async function logIn<E extends AppEnv>(
  c: Context<E>,
  login: string,
  password: string,
): Promise<TokenSubject> {
  const { db } = c.var;
  const user = await findCredentials(db, login);
  if (!user) {
    await verifyDummyPassword(password);
    throw unauthorized(BAD_CREDENTIALS);
  }
  const { valid, needsRehash } = await verifyPassword(password, user.hashedPassword);
  if (!valid) throw unauthorized(BAD_CREDENTIALS);
  if (!user.isActive) throw forbidden('This account is deactivated.');
  const rehash = needsRehash ? { from: user.hashedPassword, password } : undefined;
  c.executionCtx.waitUntil(stampLogin(c, db, user.id, rehash));
  return { id: user.id, tokenVersion: user.tokenVersion };
}

async function stampLogin<E extends AppEnv>(
  c: Context<E>,
  db: Database,
  id: number,
  rehash?: { from: string; password: string },
) {
  try {
    const to = rehash && (await hashPassword(rehash.password));
    await recordLogin(db, id, rehash && to ? { from: rehash.from, to } : undefined);
  } catch (error) {
    logEvent(c, 'warn', 'last_login not recorded', describeError(error));
  }
}

async function tokenFor<E extends AppEnv>(c: Context<E>, subject: TokenSubject) {
  const { JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS } = c.var.config;
  const issued = await issueAccessToken(subject, JWT_SECRET, ACCESS_TOKEN_TTL_SECONDS);
  return {
    access_token: issued.token,
    token_type: 'bearer' as const,
    expires_in: issued.expiresIn,
  };
}
