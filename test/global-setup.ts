/**
 * Starts what the Worker under test talks to (tools/test-stack.ts: a fresh database with drizzle/
 * applied, the local Neon proxy, a silent TCP port) and hands its addresses to the Worker's
 * bindings. Worker test files run two at a time (beside the tool tests), so there is one stack
 * per lane: PGlite runs one session for all its clients, and the solo database's invariant
 * belongs to one file at a time. Everything is stopped and the databases dropped when the run ends.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';

export interface StackInfo {
  databaseUrl: string;
  neonProxy: string;
  blackholeAddress: string;
  unmigratedDatabaseUrl: string;
  soloDatabaseUrl: string;
  relayDatabaseUrl: string;
  relayControlUrl: string;
  databaseKind: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** One stack per lane: vitest.config.ts gives each runner of the worker project its own. */
    stacks: StackInfo[];
  }
}

async function startStack() {
  const child = spawn(process.execPath, ['tools/test-stack.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`test stack exited early (code ${code})`)));
  });
  return {
    info: JSON.parse(firstLine) as StackInfo,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}

export default async function setup(project: TestProject) {
  const lanes = Math.max(1, project.config.maxWorkers);
  const stacks = await Promise.all(Array.from({ length: lanes }, startStack));
  project.provide(
    'stacks',
    stacks.map((stack) => stack.info),
  );
  return async function teardown() {
    await Promise.all(stacks.map((stack) => stack.stop()));
  };
}
