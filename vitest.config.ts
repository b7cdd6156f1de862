import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

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
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                DATABASE_URL: inject('databaseUrl'),
                NEON_LOCAL_PROXY: inject('neonProxy'),
                BLACKHOLE_ADDRESS: inject('blackholeAddress'),
                UNMIGRATED_DATABASE_URL: inject('unmigratedDatabaseUrl'),
                SOLO_DATABASE_URL: inject('soloDatabaseUrl'),
                RELAY_DATABASE_URL: inject('relayDatabaseUrl'),
                RELAY_CONTROL_URL: inject('relayControlUrl'),
                DATABASE_KIND: inject('databaseKind'),
                // A fixed test-only key; production reads JWT_SECRET from a Worker secret.
                JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long',
              },
              // The suite signs up and logs in far more than real clients would: the limits as
              // deployed (wrangler.toml) are tested through `wrangler dev` in tools/, and the 429
              // path here through small limiters a test hands to its own app.
              ratelimits: {
                LOGIN_LIMITER: { namespace_id: '9001', simple: { limit: 1_000_000, period: 60 } },
                SIGNUP_LIMITER: { namespace_id: '9002', simple: { limit: 1_000_000, period: 60 } },
                SMALL_LOGIN_LIMITER: { namespace_id: '9003', simple: { limit: 3, period: 60 } },
                SMALL_SIGNUP_LIMITER: { namespace_id: '9004', simple: { limit: 2, period: 60 } },
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
