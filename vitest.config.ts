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
                RELAY_DATABASE_URL: inject('relayDatabaseUrl'),
                RELAY_CONTROL_URL: inject('relayControlUrl'),
                DATABASE_KIND: inject('databaseKind'),
                // A fixed test-only key; production reads JWT_SECRET from a Worker secret.
                JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long',
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
