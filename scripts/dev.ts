/**
 * `npm run dev`: the production request path on this machine. Starts the database (PGlite under
 * .data/ unless DATABASE_URL is set), the local Neon proxy, applies drizzle/, then `wrangler dev`.
 * Ctrl-C (or SIGTERM) stops everything it started.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { removeDevDatabase, writeDevDatabase } from '../tools/dev-database.ts';
import { startLocalStack } from '../tools/local-stack.ts';
import { startWranglerDev } from '../tools/wrangler-dev.ts';

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
// The db commands (db:seed, db:migrate, ...) use this database while dev runs.
writeDevDatabase(stack.databaseUrl);
process.on('exit', () => removeDevDatabase());

const wrangler = startWranglerDev(stack, { port });

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await wrangler.stop();
  await stack.close();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
wrangler.process.on('exit', (code) => void stop(code ?? 1));
