/** Bearer authentication: the token's signature and expiry are checked here, without the database. */

import { eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { activeUserQuery } from '../db/active-user.ts';
import { inOneTransaction } from '../db/batch.ts';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import type { AppEnv } from '../types.ts';
import { notFound } from './not-found.ts';
import { ApiError } from './problem.ts';
import { readAccessToken } from './token.ts';

export function unauthorized(detail: string, error?: 'invalid_token'): ApiError {
  const challenge = error ? `Bearer error="${error}"` : 'Bearer';
  return new ApiError(401, detail, { headers: { 'WWW-Authenticate': challenge } });
}

export const INACTIVE_TOKEN = 'The token belongs to a deleted or deactivated account.';

/**
 * Sets `userId` from a valid bearer token. Whether that user still exists and is active is
 * checked by the handler together with its own query (see db/active-user.ts).
 */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUser(c, next) {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header);
    if (!match?.[1]) throw unauthorized('A bearer token is required.');
    const userId = await readAccessToken(match[1], c.var.config.JWT_SECRET);
    if (userId === undefined)
      throw unauthorized('The token is invalid or expired.', 'invalid_token');
    c.set('userId', userId);
    await next();
  };
}

/**
 * Only the user themselves may do this. A refusal first checks (one batch, only on this path) that
 * the token's user is still active and that the target exists: 401, then 404, then 403.
 */
export async function assertSelf(db: Database, userId: number, targetId: number): Promise<void> {
  if (userId === targetId) return;
  const [active, target] = await inOneTransaction(db, [
    activeUserQuery(db, userId),
    db.select({ id: users.id }).from(users).where(eq(users.id, targetId)),
  ]);
  assertActive(active.length === 1);
  if (target.length === 0) throw notFound('User', targetId);
  throw new ApiError(403, 'You may only do this to your own account.');
}

/** The token's user was deleted or deactivated after the token was issued: the token is dead. */
export function assertActive(active: boolean): void {
  if (!active) throw unauthorized(INACTIVE_TOKEN, 'invalid_token');
}

/** `value`, provided the token's user is active and the value exists; else a 401. */
export function whenActive<T>(active: boolean, value: T | undefined): T {
  if (!active || value === undefined) throw unauthorized(INACTIVE_TOKEN, 'invalid_token');
  return value;
}
