/**
 * The test run's database and proxy, as a separate process: vitest's global setup spawns it and
 * reads one JSON line. (Inside vitest, the Workers plugin resolves packages for the browser.)
 * Uses a fresh database on TEST_DATABASE_URL's server if set, else in-memory PGlite; stops and
 * cleans up on SIGTERM, SIGINT or when stdin closes.
 */

import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { startLocalStack, withPassword } from './local-stack.ts';
import { applyMigrations } from './migrate.ts';
import { startScratchDatabase } from './scratch-database.ts';
import { startTcpRelay } from './tcp-relay.ts';

const serverUrl = process.env.TEST_DATABASE_URL;
const stack = await startLocalStack({ databaseUrl: serverUrl, fresh: true });
// A second database that never sees a migration, for the readiness guard's tests.
const unmigrated = await startScratchDatabase(serverUrl, 'api_unmigrated');
// A migrated database of its own for the one test file that needs a global invariant to itself
// (the last active superuser): everyone else shares the main one.
const solo = await startScratchDatabase(serverUrl, 'api_solo');
await applyMigrations(solo.url);

// The same database behind a relay the fault tests can cut or take down.
const target = new URL(stack.databaseUrl);
const relay = await startTcpRelay(target.hostname, Number(target.port || 5432));
const relayed = new URL(stack.databaseUrl);
relayed.host = relay.address;

// Accepts connections and never answers: how a hung database looks to the driver.
const silent = new Set<Socket>();
const blackhole = createServer((socket) => silent.add(socket));
await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));

console.log(
  JSON.stringify({
    databaseUrl: stack.databaseUrl,
    neonProxy: stack.proxyAddress,
    unmigratedDatabaseUrl: withPassword(unmigrated.url),
    soloDatabaseUrl: withPassword(solo.url),
    relayDatabaseUrl: relayed.toString(),
    relayControlUrl: relay.controlUrl,
    databaseKind: stack.embedded ? 'pglite' : 'postgres',
    blackholeAddress: `127.0.0.1:${(blackhole.address() as AddressInfo).port}`,
  }),
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const socket of silent) socket.destroy();
  await new Promise((resolve) => blackhole.close(resolve));
  await relay.close();
  await stack.close();
  await unmigrated.close();
  await solo.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
