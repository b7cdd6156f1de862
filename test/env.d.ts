/** Bindings the Worker sees under test (wrangler.toml vars plus what vitest.config.ts injects). */
declare namespace Cloudflare {
  interface Env {
    DATABASE_URL: string;
    NEON_LOCAL_PROXY: string;
    BLACKHOLE_ADDRESS: string;
    UNMIGRATED_DATABASE_URL: string;
    RELAY_DATABASE_URL: string;
    RELAY_CONTROL_URL: string;
    DATABASE_KIND: 'pglite' | 'postgres';
    [key: string]: string | undefined;
  }
  interface Exports {
    default: Fetcher;
  }
}
