/** Sends a generated request and checks what every response must satisfy, whatever was sent. */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { sign } from 'hono/jwt';
import { expect } from 'vitest';
import { expectNoSecrets } from '../helpers/api.ts';
import { api } from '../helpers/http.ts';

export interface HostileRequest {
  method: string;
  /** Path and query, already URL-encoded as intended. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

interface Checked {
  status: number;
  text: string;
  json: unknown;
}

/** Sent as bytes, so the only Content-Type is the one the generator chose (or none). */
function send(hostile: HostileRequest): Promise<Response> {
  const body =
    typeof hostile.body === 'string' ? new TextEncoder().encode(hostile.body) : hostile.body;
  return api.send(hostile.method, hostile.url, { headers: hostile.headers, body });
}

export function describeRequest(hostile: HostileRequest): string {
  const body =
    typeof hostile.body === 'string' ? hostile.body : `<${hostile.body?.length ?? 0} bytes>`;
  const preview = body.length > 300 ? `${body.slice(0, 300)}…(${body.length} chars)` : body;
  return `${hostile.method} ${hostile.url.slice(0, 300)} ${JSON.stringify(hostile.headers)} ${JSON.stringify(preview)}`;
}

/**
 * No 5xx; every 4xx an RFC 9457 problem whose status matches the response; every 422 lists its
 * invalid fields; no body leaks a password (expectNoSecrets).
 */
async function expectContract(response: Response, sent: string): Promise<Checked> {
  const text = await response.text();
  const { status } = response;
  const context = `${sent}\n→ ${status} ${JSON.stringify(text.slice(0, 500))}`;
  expect(status, context).toBeLessThan(500);
  expectNoSecrets(text);
  if (status === 204) return { status, text, json: undefined };
  const json: unknown = JSON.parse(text);
  if (status < 400) {
    expect(response.headers.get('Content-Type'), context).toMatch(/^application\/json/);
    return { status, text, json };
  }
  expect(response.headers.get('Content-Type'), context).toBe('application/problem+json');
  const problem = json as Record<string, unknown>;
  for (const key of ['type', 'title', 'detail']) {
    expect(typeof problem[key], `${key} in ${context}`).toBe('string');
    expect(problem[key], `${key} in ${context}`).not.toBe('');
  }
  expect(problem.status, context).toBe(status);
  if (status === 401) {
    expect(response.headers.get('WWW-Authenticate'), context).toMatch(/^Bearer/);
  }
  if (status === 422) {
    const errors = problem.errors;
    expect(Array.isArray(errors) && errors.length > 0, `errors in ${context}`).toBe(true);
    for (const error of errors as Record<string, unknown>[]) {
      expect(typeof error.path, context).toBe('string');
      expect(typeof error.message, context).toBe('string');
      expect(error.message, context).not.toBe('');
    }
  }
  return { status, text, json };
}

export async function sendChecked(hostile: HostileRequest): Promise<Checked> {
  return expectContract(await send(hostile), describeRequest(hostile));
}

/**
 * Authorization headers that must all be refused with 401: absent, malformed, unsigned, signed
 * with another secret, or properly signed but naming no usable user.
 */
export async function refusedAuthorizations(token: string): Promise<Record<string, string>[]> {
  const secret = env.JWT_SECRET ?? '';
  const now = Math.floor(Date.now() / 1000);
  const signed = (sub: unknown, key = secret, exp = now + 600) =>
    sign({ sub, iat: now, exp }, key, 'HS256');
  const forged = await Promise.all([
    signed('1', 'another-secret-that-is-at-least-32-bytes'),
    signed('2147483647'),
    signed('2147483648'),
    signed('0'),
    signed('-1'),
    signed('1.5'),
    signed('abc'),
    signed(null),
    signed('1', secret, now - 60),
  ]);
  const [header, payload, signature] = token.split('.');
  const values = [
    '',
    'Bearer',
    'Bearer ',
    'Bearer garbage',
    'Bearer a.b.c',
    `Bearer ${token}x`,
    `Bearer ${header}.${payload}.`,
    `Bearer eyJhbGciOiJub25lIn0.${payload}.`,
    `Bearer ${header}.${payload}.${signature?.split('').reverse().join('')}`,
    `Bearer ${token} ${token}`,
    `Basic ${btoa('user:password')}`,
    token,
    `Token ${token}`,
    `Bearer ${'a'.repeat(10_000)}`,
    ...forged.map((value) => `Bearer ${value}`),
  ];
  return [{}, ...values.map((value) => ({ Authorization: value }))];
}

/** Mostly the user's valid token (so requests reach validation and handlers), else a refused one. */
export function authorizationArb(
  auth: Record<string, string>,
  refused: Record<string, string>[],
  validWeight = 3,
): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: validWeight, arbitrary: fc.constant(auth) },
    { weight: 1, arbitrary: fc.constantFrom(...refused) },
  );
}
