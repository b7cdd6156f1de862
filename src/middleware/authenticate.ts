/**
 * Bearer authentication: the token's signature and expiry are checked here, without the database,
 * and the caller it names is set for the handler. Whether that caller may still act is decided in
 * the handler's own batch, through src/auth/authorize.ts.
 */
import type { MiddlewareHandler } from 'hono';
import type { Caller } from '../auth/caller.ts';
import { unauthorized } from '../lib/problem.ts';
import { readAccessToken } from '../lib/token.ts';
import type { AppEnv } from '../types.ts';

export interface AuthenticatedEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { caller: Caller };
}

export function authenticate(): MiddlewareHandler<AuthenticatedEnv> {
  return async function authenticate(c, next) {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header);
    if (!match?.[1]) throw unauthorized('A bearer token is required.');
    const caller = await readAccessToken(match[1], c.var.config.JWT_SECRET);
    if (!caller) throw unauthorized('The token is invalid or expired.', 'invalid_token');
    c.set('caller', caller);
    await next();
    // What a token unlocks is for its holder's browser only, and must be revalidated (ETag).
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Authorization', { append: true });
  };
}
