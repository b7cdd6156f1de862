/**
 * The rate limits as deployed: wrangler.toml's [[ratelimits]] under `wrangler dev`, which emulates
 * the binding the way `npm run dev` runs it (the Worker tests override these limits).
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from './local-stack.ts';
import { startWranglerDev, type WranglerDev } from './wrangler-dev.ts';

let stack: LocalStack;
let worker: WranglerDev;

beforeAll(async () => {
  stack = await startLocalStack({ databaseUrl: process.env.TEST_DATABASE_URL, fresh: true });
  worker = startWranglerDev(stack, {
    port: await freePort(),
    quiet: true,
    vars: { JWT_SECRET: `rate-limit-test-${crypto.randomUUID()}` },
  });
  await worker.ready();
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await stack?.close();
});

const api = (path: string, init: RequestInit) => fetch(`${worker.url}/api/v1${path}`, init);
const form = (username: string, password: string) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username, password }),
});
const signUp = (username: string, address: string) =>
  api('/users', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': address },
    body: JSON.stringify({ username, email: `${username}@example.com`, password: 'password-1234' }),
  });

/**
 * Runs `scenario` again (with fresh names) when a run crossed a rate-limit window: windows are
 * aligned to the wall clock (minutes, for a 60 s period), so a run that starts late in one would
 * see its counts reset half-way. Two runs in a row cannot both cross one.
 */
async function inOneWindow<T>(scenario: (run: number) => Promise<T>): Promise<T> {
  const window = () => Math.floor(Date.now() / 60_000);
  for (let run = 0; run < 3; run++) {
    const started = window();
    const result = await scenario(run);
    if (window() === started) return result;
  }
  throw new Error('three runs in a row crossed a rate-limit window: is the machine overloaded?');
}

describe('as deployed', () => {
  it('allows 10 login attempts per 60 s per login name, in any case; then 429 even with the right password', async () => {
    const { id, statuses, right } = await inOneWindow(async () => {
      const id = crypto.randomUUID().slice(0, 8);
      expect((await signUp(`Alice_${id}`, '198.51.100.1')).status).toBe(201);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const name = i % 2 === 0 ? `ALICE_${id}` : `alice_${id}`;
        statuses.push((await api('/auth/token', form(name, 'wrong password'))).status);
      }
      const right = await api('/auth/token', form(`Alice_${id}`, 'password-1234'));
      return { id, statuses, right };
    });
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    expect(right.status).toBe(429);
    expect(right.headers.get('Retry-After')).toBe('60');
    expect(right.headers.get('Content-Type')).toBe('application/problem+json');
    expect((await signUp(`bob_${id}`, '198.51.100.1')).status).toBe(201);
    expect((await api('/auth/token', form(`bob_${id}`, 'password-1234'))).status).toBe(200);
  });

  it('allows 60 sign-ups per 60 s per client address', async () => {
    const { id, statuses } = await inOneWindow(async (run) => {
      const id = crypto.randomUUID().slice(0, 8);
      // A fresh address per run, so a repeated run starts from an empty budget.
      const address = `198.51.100.${20 + run}`;
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await signUp(`s${i}_${id}`, address)).status);
      return { id, statuses };
    });
    expect(
      statuses.slice(0, 60).every((status) => status === 201),
      `${statuses}`,
    ).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await signUp(`other_${id}`, '198.51.100.8')).status).toBe(201);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
