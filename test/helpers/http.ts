/** Sends real HTTP requests into the Worker under test: `api`, or `appClient` for an app of its own. */

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { App } from '../../src/app.ts';
import worker from '../../src/index.ts';

export const BASE = 'http://api.test';

/**
 * Into the Worker's own entry (src/index.ts), then waits for its waitUntil work (e.g. the
 * last_login stamp after a login) as the runtime finishes it, so the next step of a test sees
 * everything the request did.
 */
async function dispatch(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export interface RequestOptions {
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as an `application/x-www-form-urlencoded` form. */
  form?: Record<string, string>;
  /**
   * Sent as is, with only the headers given; but a string body gets `text/plain` when no
   * Content-Type is given, so send bytes to send none.
   */
  body?: BodyInit;
  /** A bearer token for `Authorization`. */
  token?: string;
  headers?: Record<string, string>;
}

/** Builds the request `api` sends: the one place tests turn options into headers and a body. */
export function buildRequest(method: string, path: string, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (options.token !== undefined) headers.set('Authorization', `Bearer ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    if (!headers.has('Content-Type')) {
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
    }
    body = new URLSearchParams(options.form).toString();
  }
  return new Request(`${BASE}${path}`, { method, headers, body });
}

type Fetch = (request: Request) => Promise<Response>;

function client(fetch: Fetch) {
  const send = (method: string, path: string, options?: RequestOptions) =>
    fetch(buildRequest(method, path, options));
  return {
    get: (path: string, options?: RequestOptions) => send('GET', path, options),
    head: (path: string, options?: RequestOptions) => send('HEAD', path, options),
    options: (path: string, options?: RequestOptions) => send('OPTIONS', path, options),
    post: (path: string, options?: RequestOptions) => send('POST', path, options),
    put: (path: string, options?: RequestOptions) => send('PUT', path, options),
    patch: (path: string, options?: RequestOptions) => send('PATCH', path, options),
    delete: (path: string, options?: RequestOptions) => send('DELETE', path, options),
    /** Any method, e.g. from a table of operations. */
    send,
  };
}

export type ApiClient = ReturnType<typeof client>;

/** The one request client of the Worker tests: `api.post('/api/v1/users', { json, token })`. */
export const api: ApiClient = client(dispatch);

/**
 * The same client for an app of the test's own, with bindings of its choosing (e.g. a database
 * that is down; `undefined` removes a binding), waiting for its waitUntil work as the runtime would.
 */
export function appClient(
  app: Pick<App, 'fetch'>,
  bindings: Record<string, unknown> = {},
): ApiClient {
  return client(async (request) => {
    const merged: Record<string, unknown> = { ...env, ...bindings };
    for (const [name, value] of Object.entries(bindings)) {
      if (value === undefined) delete merged[name];
    }
    const ctx = createExecutionContext();
    const response = await app.fetch(request, merged, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  });
}

/** A unique suffix so every test owns its rows. */
export function unique(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
}
