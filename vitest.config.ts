import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

/**
 * Two lanes: the tool tests (Node) and the Worker tests (workerd) run side by side, and the
 * Worker files two at a time. Vitest requires one maxWorkers for projects that run together.
 */
const LANES = 2;

// Wrangler, inside the Workers plugin, announces ".dev.vars" each time it reads the config.
process.env.WRANGLER_LOG ??= 'warn';
/** Runners of the worker project started so far: each takes the next lane's stack. */
let runners = 0;

export default defineConfig({
  test: {
    // The app logs every request; show those lines only for tests that fail.
    silent: 'passed-only',
    projects: [
      {
        test: {
          name: 'tools',
          include: ['tools/**/*.test.ts'],
          environment: 'node',
          maxWorkers: LANES,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const stacks = inject('stacks');
            // With isolate: false a runner lives for the whole run, so at most LANES are started.
            const stack = stacks[runners++ % stacks.length];
            if (!stack) throw new Error('the global setup started no test stack');
            return {
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  DATABASE_URL: stack.databaseUrl,
                  NEON_LOCAL_PROXY: stack.neonProxy,
                  BLACKHOLE_ADDRESS: stack.blackholeAddress,
                  UNMIGRATED_DATABASE_URL: stack.unmigratedDatabaseUrl,
                  SOLO_DATABASE_URL: stack.soloDatabaseUrl,
                  RELAY_DATABASE_URL: stack.relayDatabaseUrl,
                  RELAY_CONTROL_URL: stack.relayControlUrl,
                  DATABASE_KIND: stack.databaseKind,
                  // A fixed test-only key; production reads JWT_SECRET from a Worker secret.
                  JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long',
                },
                // The suite signs up and logs in far more than real clients would: the limits as
                // deployed (wrangler.toml) are tested through `wrangler dev` in tools/, and the 429
                // path here through small limiters a test hands to its own app.
                ratelimits: {
                  LOGIN_LIMITER: { namespace_id: '9001', simple: { limit: 1_000_000, period: 60 } },
                  SIGNUP_LIMITER: {
                    namespace_id: '9002',
                    simple: { limit: 1_000_000, period: 60 },
                  },
                  SMALL_LOGIN_LIMITER: { namespace_id: '9003', simple: { limit: 3, period: 60 } },
                  SMALL_SIGNUP_LIMITER: { namespace_id: '9004', simple: { limit: 2, period: 60 } },
                },
              },
            };
          }),
        ],
        test: {
          name: 'worker',
          maxWorkers: LANES,
          // One runner (a workerd process) per lane for the whole run instead of one per file:
          // tests make their own data and never rely on a fresh module state.
          isolate: false,
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
