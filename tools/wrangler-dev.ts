/** Runs `wrangler dev` against a local stack, in its own process group so it stops cleanly. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { LocalStack } from './local-stack.ts';

export interface WranglerDev {
  url: string;
  process: ChildProcess;
  /** Resolves when /health answers (rejects if wrangler exits first or after timeoutMs). */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  port: number;
  /** Extra bindings (e.g. vars) written to the env file after the database ones. */
  vars?: Record<string, string>;
  quiet?: boolean;
  /**
   * Overrides every [[ratelimits]] limit (the benchmark's many logins and sign-ups from one
   * address); the limits as deployed otherwise, as `npm run dev` runs them.
   */
  rateLimit?: number;
}

/**
 * wrangler.toml with every rate limit replaced, written beside it (its paths are relative to
 * it) under a gitignored name; returns the file's name.
 */
function configWithRateLimit(limit: number, port: number): string {
  const path = `.wrangler-ratelimit-${port}.toml`;
  const text = readFileSync('wrangler.toml', 'utf8');
  writeFileSync(path, text.replace(/limit = \d+/g, `limit = ${limit}`));
  return path;
}

export function startWranglerDev(
  stack: Pick<LocalStack, 'databaseUrl' | 'proxyAddress'>,
  options: WranglerDevOptions,
): WranglerDev {
  // Passed as a file, not --var, so the connection string is not printed in wrangler's banner.
  mkdirSync('.wrangler', { recursive: true });
  const envFile = `.wrangler/local-database-${options.port}.env`;
  const vars = {
    DATABASE_URL: stack.databaseUrl,
    NEON_LOCAL_PROXY: stack.proxyAddress,
    ...options.vars,
  };
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  const envFiles = existsSync('.dev.vars') ? ['--env-file', '.dev.vars'] : [];
  const config =
    options.rateLimit === undefined
      ? []
      : ['--config', configWithRateLimit(options.rateLimit, options.port)];
  // --test-scheduled: GET /cdn-cgi/handler/scheduled runs the Cron Trigger's handler on demand.
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--test-scheduled',
    ...config,
    ...envFiles,
  ];
  const child = spawn('wrangler', [...args, '--env-file', envFile], {
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
    // Its own process group, so stopping it also stops the workerd it spawned.
    detached: true,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      // Quiet runs (tests, the benchmark) keep wrangler's warnings and errors only.
      ...(options.quiet ? { WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn' } : {}),
    },
  });
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return {
    url,
    process: child,
    async ready(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode})`);
        const ok = await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`wrangler dev not ready after ${timeoutMs} ms`);
    },
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      process.kill(-child.pid, 'SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
      await Promise.race([exited, timeout]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    },
  };
}
