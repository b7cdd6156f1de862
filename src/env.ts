/** Worker bindings: validated once per isolate (per bindings object), typed everywhere else. */
import { z } from 'zod';

const EnvSchema = z.object({
  /** Neon (pooled) connection string; any Postgres URL when NEON_LOCAL_PROXY is set. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** host:port of the local Neon proxy (development and tests only; unset in production). */
  NEON_LOCAL_PROXY: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'must be host:port')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Milliseconds a request may wait on the database before it answers 503. */
  DB_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** HMAC key for access tokens (a Worker secret); at least 32 bytes, never defaulted. */
  JWT_SECRET: z.string().refine((value) => new TextEncoder().encode(value).length >= 32, {
    message: 'must be at least 32 bytes',
  }),
  /** Lifetime of an access token in seconds (default 30 minutes). */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
  /** Comma-separated origins allowed to call the API from a browser; empty allows none. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
});

/** The value published in .dev.vars.example: fine on a laptop, a forgery kit anywhere else. */
export const EXAMPLE_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/** Local development is whatever runs behind the local Neon proxy; production sets no proxy. */
const ConfigSchema = EnvSchema.refine(
  (config) => config.JWT_SECRET !== EXAMPLE_JWT_SECRET || config.NEON_LOCAL_PROXY !== undefined,
  { path: ['JWT_SECRET'], message: 'is the published example; set a secret of your own' },
);

export type AppConfig = z.infer<typeof EnvSchema>;

/** A Workers Rate Limiting binding, as far as the app uses it. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Bindings that are objects rather than strings, declared in wrangler.toml. */
export interface ObjectBindings {
  /** Login attempts per login name (`[[ratelimits]]`, 10 per 60 s as deployed). */
  LOGIN_LIMITER?: RateLimiter;
  /** Sign-ups per client address (`[[ratelimits]]`, 60 per 60 s as deployed). */
  SIGNUP_LIMITER?: RateLimiter;
}

/** The raw bindings as wrangler provides them (vars and secrets are strings). */
export type Bindings = Partial<Record<keyof z.input<typeof EnvSchema>, string>> & ObjectBindings;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const parsed = new WeakMap<object, AppConfig>();

export function readConfig(env: Bindings): AppConfig {
  const cached = parsed.get(env);
  if (cached) return cached;
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    // Name the variables, never their values: they may be secrets.
    const names = [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
    throw new ConfigError(`invalid configuration: ${names.join(', ')}`);
  }
  parsed.set(env, result.data);
  return result.data;
}
