/** Reading resources back through the public API, to prove what a request did or did not write. */
import { expect } from 'vitest';
import { api } from '../helpers/http.ts';
import type { HostileRequest } from './contract.ts';

export type Resource = Record<string, unknown>;

export async function readOk(url: string, headers: Record<string, string> = {}): Promise<Resource> {
  const response = await api.get(url, { headers });
  const text = await response.text();
  expect(response.status, `GET ${url} → ${JSON.stringify(text.slice(0, 300))}`).toBe(200);
  return JSON.parse(text) as Resource;
}

/** The caller's account with its items, as GET /users/me shows it. */
export function readMe(auth: Record<string, string>): Promise<Resource> {
  return readOk('/api/v1/users/me', auth);
}

export function readItem(id: number): Promise<Resource> {
  return readOk(`/api/v1/items/${id}`);
}

/** Every item id a user owns, page by page through GET /users/{id}/items (keyset). */
export async function ownedItemIds(userId: number): Promise<number[]> {
  const ids: number[] = [];
  for (let after = 0; ; ) {
    const page = (await readOk(
      `/api/v1/users/${userId}/items?after=${after}&limit=100`,
    )) as unknown;
    const rows = page as Resource[];
    ids.push(...rows.map((item) => item.id as number));
    if (rows.length < 100) return ids;
    after = ids.at(-1) ?? after;
  }
}

/**
 * Placeholders stand for rows that change during a run (a deleted item, a replaced account).
 * Generated text is percent-encoded, so `{{…}}` only ever comes from the `known` values.
 */
export function placeholder(name: string): string {
  return `{{${name}}}`;
}

export function bind(
  hostile: HostileRequest,
  values: Record<string, string | number>,
): HostileRequest {
  const fill = (text: string) =>
    Object.entries(values).reduce(
      (filled, [name, value]) => filled.replaceAll(placeholder(name), String(value)),
      text,
    );
  const headers = Object.fromEntries(
    Object.entries(hostile.headers).map(([name, value]) => [name, fill(value)]),
  );
  return { ...hostile, url: fill(hostile.url), headers };
}

/** The `Authorization` header of the account a placeholder token names. */
export const BOUND_AUTH = { Authorization: `Bearer ${placeholder('token')}` };

/** The fields of a sent JSON body, when it was an object. */
export function sentFields(hostile: HostileRequest): Record<string, unknown> | undefined {
  if (typeof hostile.body !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(hostile.body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compares as JSON text: sent strings may hold lone surrogates, which must not reach vitest's
 * diff (its reporter socket rejects them as invalid UTF-8).
 */
export function expectSameJson(actual: unknown, expected: unknown, message: string): void {
  expect(JSON.stringify(actual) ?? 'undefined', message).toBe(
    JSON.stringify(expected) ?? 'undefined',
  );
}

/**
 * Tallies accepted and rejected requests, so a property also fails when its generators drift
 * and stop reaching one of the two outcomes (e.g. every body invalid after a schema change).
 */
export function outcomes() {
  let accepted = 0;
  let rejected = 0;
  return {
    record(status: number): void {
      if (status < 400) accepted++;
      else rejected++;
    },
    expectBoth(): void {
      expect(accepted, 'no generated request was accepted').toBeGreaterThan(0);
      expect(rejected, 'no generated request was rejected').toBeGreaterThan(0);
    },
  };
}
