/** The command line proxy prints its address, serves the driver and exits cleanly on a signal. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client, neon, neonConfig } from '@neondatabase/serverless';
import { afterAll, beforeAll, expect, it } from 'vitest';
import ws from 'ws';
import { localProxySettings } from '../../src/db/local-proxy.ts';
import { startTestDatabase, type TestDatabase } from './test-support.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

it.each(['SIGTERM', 'SIGINT'] as const)(
  'serves until %s, then exits 0',
  async (signal) => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--allow', '127.0.0.1,localhost'], {
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const listening = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /^neon proxy listening on http:\/\/(127\.0\.0\.1:\d+)\n/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`cli exited early: ${stdout}`)));
    });
    const hostPort = await listening;
    neonConfig.webSocketConstructor = ws;
    Object.assign(neonConfig, localProxySettings(hostPort));
    expect(await neon(db.url)`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    // A client still connected at shutdown must not keep the process alive.
    const client = new Client(db.url);
    client.on('error', () => {});
    // events.once() would reject on the 'error' the driver emits when the proxy hangs up.
    const ended = new Promise<void>((resolve) => client.on('end', () => resolve()));
    await client.connect();
    expect((await client.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    child.kill(signal);
    const [code] = await exited;
    await ended;
    expect(code).toBe(0);
    expect(stdout).toBe(`neon proxy listening on http://${hostPort}\n`);
  },
  15_000,
);
