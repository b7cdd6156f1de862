/**
 * `npm run dev`: the production request path on this machine. Starts the database (PGlite under
 * .data/ unless DATABASE_URL is set), the local Neon proxy, applies drizzle/, then `wrangler dev`.
 * Ctrl-C (or SIGTERM) stops everything it started.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { startLocalStack } from '../tools/local-stack.ts';

const port = Number(process.env.PORT ?? 8787);
const external = process.env.DATABASE_URL;

if (!existsSync('.dev.vars') && existsSync('.dev.vars.example')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('created .dev.vars from .dev.vars.example (development values only)');
}

const stack = await startLocalStack({
  databaseUrl: external,
  dataDir: '.data/pglite',
  embeddedPort: Number(process.env.EMBEDDED_DB_PORT ?? 54329),
  proxyPort: Number(process.env.NEON_PROXY_PORT ?? 0),
});
console.log(
  external
    ? 'database: DATABASE_URL'
    : `database: embedded PGlite in .data/pglite, reachable as DATABASE_URL=${stack.databaseUrl}`,
);
console.log(`migrations applied; local Neon proxy on ${stack.proxy.url}`);

// Passed as a file, not --var, so the connection string is not printed in wrangler's banner.
mkdirSync('.wrangler', { recursive: true });
const envFile = '.wrangler/local-database.env';
writeFileSync(
  envFile,
  `DATABASE_URL=${stack.databaseUrl}\nNEON_LOCAL_PROXY=${stack.proxyAddress}\n`,
);

const envFiles = existsSync('.dev.vars') ? ['--env-file', '.dev.vars'] : [];
const wrangler = spawn(
  'wrangler',
  ['dev', '--ip', '127.0.0.1', '--port', String(port), ...envFiles, '--env-file', envFile],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    // Its own process group, so stopping it also stops the workerd it spawned.
    detached: true,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
);

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (wrangler.exitCode === null && wrangler.pid) {
    const exited = new Promise((resolve) => wrangler.once('exit', resolve));
    process.kill(-wrangler.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (wrangler.exitCode === null) process.kill(-wrangler.pid, 'SIGKILL');
  }
  await stack.close();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
wrangler.on('exit', (code) => void stop(code ?? 1));
