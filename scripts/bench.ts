/**
 * `npm run bench`: database round trips, latency (with 0 and 10 ms added between Worker and
 * database, each way), throughput and errors for every endpoint, plus the Worker bundle size.
 * Runs the Worker under `wrangler dev`, the local Neon proxy and the database from DATABASE_URL
 * (a fresh database on that server) or embedded PGlite. Loopback only; bounded in time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { withPassword } from '../tools/local-stack.ts';
import { applyMigrations } from '../tools/migrate.ts';
import { startNeonProxy } from '../tools/neon-proxy/server.ts';
import { startScratchDatabase } from '../tools/scratch-database.ts';
import { startWranglerDev } from '../tools/wrangler-dev.ts';
import { errors, load, percentile, type Send, sequential, timed } from './bench/measure.ts';
import { printTable, type Row } from './bench/report.ts';
import { prepare, scenarios } from './bench/scenarios.ts';

const DELAYS = [0, 10];
const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 40);
const LOAD_REQUESTS = Number(process.env.BENCH_LOAD_REQUESTS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 8790);

const bundle = measureBundle();
const external = process.env.DATABASE_URL;
const database = await startScratchDatabase(external, 'bench');
await applyMigrations(database.url);
const runId = Date.now().toString(36);
const rows = new Map<string, Row>();
// Per endpoint, so each request gets its own prepared data (e.g. the item it deletes).
const used = new Map<string, number>();
let fixture: Awaited<ReturnType<typeof prepare>> | undefined;

try {
  for (const delayMs of DELAYS) {
    const proxy = await startNeonProxy({ delayMs });
    const worker = startWranglerDev(
      { databaseUrl: withPassword(database.url), proxyAddress: `${proxy.host}:${proxy.port}` },
      {
        port: PORT,
        quiet: true,
        vars: { JWT_SECRET: `bench-${crypto.randomUUID()}-${runId}` },
        // Hundreds of logins and sign-ups from one address: measured, not refused.
        rateLimit: 1_000_000,
      },
    );
    try {
      await worker.ready();
      fixture ??= await prepare(worker.url, runId, DELAYS.length * SEQUENTIAL + LOAD_REQUESTS);
      // Tokens are signed per run, so each Worker needs its own: re-login through this one.
      const current = { ...fixture, auth: await relogin(worker.url, fixture) };
      for (const scenario of scenarios(worker.url, runId, current)) {
        const row = rows.get(scenario.name) ?? { endpoint: scenario.name, errors: 0, latency: {} };
        await scenario.prepare?.(SEQUENTIAL);
        proxy.resetStats();
        const offset = used.get(scenario.name) ?? 0;
        const samples =
          delayMs === 0
            ? await sequential(scenario.send, SEQUENTIAL, scenario.expected, offset)
            : await answeredRoundTrips(scenario, offset, delayMs, proxy, row);
        used.set(scenario.name, offset + SEQUENTIAL);
        // The pool's Terminate is sent after the response, in waitUntil: let it arrive.
        await new Promise((resolve) => setTimeout(resolve, 50 + 2 * delayMs));
        const stats = proxy.stats();
        if (delayMs === 0) row.roundTrips = (stats.httpRequests + stats.wsRoundTrips) / SEQUENTIAL;
        row.latency[delayMs] = { p50: percentile(samples, 50), p99: percentile(samples, 99) };
        row.errors += errors(samples);
        if (delayMs === 0 && scenario.load !== false) {
          const start = offset + SEQUENTIAL;
          const { send, expected } = scenario;
          const run = await load(send, LOAD_REQUESTS, CONCURRENCY, expected, start);
          used.set(scenario.name, start + LOAD_REQUESTS);
          row.rps = run.rps;
          row.errors += errors(run.samples);
        }
        rows.set(scenario.name, row);
      }
    } finally {
      await worker.stop();
      await proxy.close();
    }
  }
} finally {
  await database.close();
}

const results = {
  date: new Date().toISOString(),
  database: external ? 'postgres (DATABASE_URL)' : 'embedded PGlite',
  sequentialRequests: SEQUENTIAL,
  load: { requests: LOAD_REQUESTS, concurrency: CONCURRENCY },
  bundle,
  endpoints: [...rows.values()],
};
printTable(results);
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote bench/results.json');

/**
 * Sequential requests that also count the round trips made before each answer arrived: with a
 * delay, work a Worker does after answering (waitUntil) reaches the proxy only after the answer,
 * and a pause between requests keeps it out of the next request's count.
 */
async function answeredRoundTrips(
  scenario: { send: Send; expected: number },
  offset: number,
  delayMs: number,
  proxy: { stats(): { httpRequests: number } },
  row: Row,
) {
  const samples = [];
  let trips = 0;
  for (let i = 0; i < SEQUENTIAL; i++) {
    const before = proxy.stats().httpRequests;
    samples.push(await timed(scenario.send, offset + i, scenario.expected));
    trips += proxy.stats().httpRequests - before;
    await new Promise((resolve) => setTimeout(resolve, 20 + 2 * delayMs));
  }
  row.answeredRoundTrips = trips / SEQUENTIAL;
  return samples;
}

async function relogin(base: string, f: { username: string; password: string }) {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: f.username, password: f.password }),
  });
  const body = (await response.json()) as { access_token: string };
  return { Authorization: `Bearer ${body.access_token}` };
}

function measureBundle() {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  execFileSync('wrangler', ['deploy', '--dry-run', '--outdir', outdir], {
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  const code = readFileSync(join(outdir, 'index.js'));
  return { rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
