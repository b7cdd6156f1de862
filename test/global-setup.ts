/**
 * Starts what the Worker under test talks to (tools/test-stack.ts: a fresh database with drizzle/
 * applied, the local Neon proxy, a silent TCP port) and hands its addresses to the Worker's
 * bindings. Everything is stopped and the database dropped when the run ends.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';

interface StackInfo {
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
  export interface ProvidedContext extends StackInfo {}
}

export default async function setup(project: TestProject) {
  const child = spawn(process.execPath, ['tools/test-stack.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`test stack exited early (code ${code})`)));
  });
  const info = JSON.parse(firstLine) as StackInfo;
  project.provide('databaseUrl', info.databaseUrl);
  project.provide('neonProxy', info.neonProxy);
  project.provide('blackholeAddress', info.blackholeAddress);
  project.provide('unmigratedDatabaseUrl', info.unmigratedDatabaseUrl);
  project.provide('soloDatabaseUrl', info.soloDatabaseUrl);
  project.provide('relayDatabaseUrl', info.relayDatabaseUrl);
  project.provide('relayControlUrl', info.relayControlUrl);
  project.provide('databaseKind', info.databaseKind);

  return async function teardown() {
    child.stdin.end();
    await exited;
  };
}
