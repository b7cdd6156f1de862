/**
 * `npm run bench:scale`: the list and write endpoints at 100,000 users and 1,000,000 items, on a
 * scratch database (a fresh one on DATABASE_URL's server, else in-memory PGlite). Prints p50/p99
 * and body sizes at shallow and deep pages, for `skip` and `after`, for a user with 20,000 items,
 * and for each write; writes bench/scale-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { withPassword } from '../tools/local-stack.ts';
import { applyMigrations } from '../tools/migrate.ts';
import { startNeonProxy } from '../tools/neon-proxy/server.ts';
import { startScratchDatabase } from '../tools/scratch-database.ts';
import { startWranglerDev } from '../tools/wrangler-dev.ts';
import { percentile, type Sample } from './bench/measure.ts';
import { HEAVY_ITEMS, ITEMS, loadScaleData, PASSWORD, USERS } from './bench/scale-data.ts';
import { scaleScenarios } from './bench/scale-scenarios.ts';

const REQUESTS = Number(process.env.BENCH_SCALE_REQUESTS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 8791);
const external = process.env.DATABASE_URL;

const database = await startScratchDatabase(external, 'bench_scale');
const rows: { name: string; p50: number; p99: number; bytes: number; errors: number }[] = [];
try {
  await applyMigrations(database.url);
  const data = await loadScaleData(database.url, console.log);
  const proxy = await startNeonProxy({});
  const worker = startWranglerDev(
    { databaseUrl: withPassword(database.url), proxyAddress: `${proxy.host}:${proxy.port}` },
    {
      port: PORT,
      quiet: true,
      vars: { JWT_SECRET: `scale-${crypto.randomUUID()}` },
      rateLimit: 1e6,
    },
  );
  try {
    await worker.ready(120_000);
    const login = await fetch(`${worker.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: data.heavy.username, password: PASSWORD }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    for (const scenario of scaleScenarios(worker.url, token, data)) {
      const samples: (Sample & { bytes: number })[] = [];
      for (let i = 0; i < REQUESTS; i++) samples.push(await scenario.run(i));
      rows.push({
        name: scenario.name,
        p50: percentile(samples, 50),
        p99: percentile(samples, 99),
        bytes: Math.max(...samples.map((sample) => sample.bytes)),
        errors: samples.filter((sample) => !sample.ok).length,
      });
      console.log(`${scenario.name}: p50 ${rows.at(-1)?.p50.toFixed(1)} ms`);
    }
  } finally {
    await worker.stop();
    await proxy.close();
  }
} finally {
  await database.close();
}

const db = external ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite';
console.log(
  `\n${db}: ${USERS} users, ${ITEMS} items (${HEAVY_ITEMS} of one user); ${REQUESTS} requests each\n`,
);
console.log('| request | p50 ms | p99 ms | body bytes | errors |\n|---|---:|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.bytes} | ${row.errors} |`,
  );
}
mkdirSync('bench', { recursive: true });
writeFileSync('bench/scale-results.json', `${JSON.stringify({ database: db, rows }, null, 2)}\n`);
