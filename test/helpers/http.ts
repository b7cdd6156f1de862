/** Sends real HTTP requests into the Worker under test. */

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { App } from '../../src/app.ts';

export const BASE = 'http://api.test';

/** Through workerd's HTTP pipeline into the Worker's default export. */
export function request(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * Calls an app's fetch handler directly with bindings of the test's choosing (e.g. a database
 * that is down), waiting for its waitUntil work as the runtime would.
 */
export async function fetchApp(
  app: Pick<App, 'fetch'>,
  path: string,
  init: RequestInit = {},
  bindings: Record<string, string> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(
    new Request(`${BASE}${path}`, init),
    { ...env, ...bindings },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

/** A unique suffix so every test owns its rows. */
export function unique(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
}
