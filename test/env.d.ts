/** Bindings the Worker sees under test (wrangler.toml vars plus what vitest.config.ts injects). */
declare namespace Cloudflare {
  interface Env {
    DATABASE_URL: string;
    JWT_SECRET: string;
    NEON_LOCAL_PROXY: string;
    BLACKHOLE_ADDRESS: string;
    UNMIGRATED_DATABASE_URL: string;
    /** Migrated, and used by one test file only (test/security/superusers-last.test.ts). */
    SOLO_DATABASE_URL: string;
    RELAY_DATABASE_URL: string;
    RELAY_CONTROL_URL: string;
    DATABASE_KIND: 'pglite' | 'postgres';
    LOGIN_LIMITER: RateLimit;
    SIGNUP_LIMITER: RateLimit;
    /** Small limits a test hands to its own app as LOGIN_LIMITER / SIGNUP_LIMITER. */
    SMALL_LOGIN_LIMITER: RateLimit;
    SMALL_SIGNUP_LIMITER: RateLimit;
    [key: string]: string | RateLimit | Fetcher | undefined;
  }
  interface Exports {
    default: Fetcher;
  }
}
