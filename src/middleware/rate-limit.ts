/**
 * Route middleware over a Workers Rate Limiting binding: counts the request under a key, and past
 * the binding's limit answers 429 before any hashing or database work. Counts are kept per
 * Cloudflare location and are approximate (see the README); the binding reports no reset time,
 * so Retry-After is the window's length, the longest a client may have to wait.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ConfigError, type ObjectBindings } from '../env.ts';
import { ApiError } from '../lib/problem.ts';
import type { AppEnv } from '../types.ts';

const WINDOW_SECONDS = 60;

type Limiter = keyof ObjectBindings;
type KeyOf<E extends AppEnv> = (c: Context<E>) => string | undefined | Promise<string | undefined>;

export function rateLimit<E extends AppEnv = AppEnv>(
  binding: Limiter,
  keyOf: KeyOf<E>,
): MiddlewareHandler<E> {
  return async function rateLimit(c, next) {
    const limiter = c.env[binding];
    // Fail closed and loudly: an API without its limits must not quietly serve.
    if (!limiter) throw new ConfigError(`invalid configuration: ${binding}`);
    const key = await keyOf(c);
    // No key (an unreadable body): validation refuses the request next, without any hashing.
    if (key !== undefined && !(await limiter.limit({ key })).success) {
      throw new ApiError(429, 'Too many attempts; try again later.', {
        headers: { 'Retry-After': String(WINDOW_SECONDS) },
      });
    }
    await next();
  };
}

/** The login name a token request names, lower-cased so `ALICE` and `alice` share a budget. */
export async function loginName(c: Context): Promise<string | undefined> {
  try {
    const isForm = c.req.header('Content-Type')?.toLowerCase().startsWith(FORM) ?? false;
    const body: Record<string, unknown> = isForm ? await c.req.parseBody() : await c.req.json();
    const name = body.username;
    return typeof name === 'string' ? `login:${name.toLowerCase()}` : undefined;
  } catch {
    return undefined;
  }
}

const FORM = 'application/x-www-form-urlencoded';

/** The client's address as Cloudflare saw it; never X-Forwarded-For, which the client writes. */
export function clientAddress(c: Context): string {
  return `address:${c.req.header('CF-Connecting-IP') ?? 'unknown'}`;
}
