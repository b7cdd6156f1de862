/**
 * Walks a list endpoint page by page across rows the test created. Other test files write to the
 * same tables at the same time, so offsets shift under the walk: a row deleted below it makes the
 * next page start one row later (a row is skipped), and on real Postgres a lower id can commit
 * after a higher one. Such a walk is repeated; a genuine paging bug fails every attempt.
 */
import type { z } from '@hono/zod-openapi';
import { expect } from 'vitest';
import { expectJson } from './api.ts';
import { api } from './http.ts';

type Row = { id: number };
type ListSchema<T extends Row> = z.ZodType<T[]>;

export interface Walk<T extends Row> {
  pages: T[][];
}

const ATTEMPTS = 3;

export async function walkPages<T extends Row>(
  path: string,
  schema: ListSchema<T>,
  mine: number[],
  options: { limit: number; token?: string },
): Promise<Walk<T>> {
  let walk = await walkOnce(path, schema, mine, options);
  for (let attempt = 1; attempt < ATTEMPTS && !isCleanWalk(walk, mine); attempt++) {
    walk = await walkOnce(path, schema, mine, options);
  }
  return walk;
}

/** Every id of `mine` seen, and ids strictly increasing from the first page to the last. */
export function isCleanWalk(walk: Walk<Row>, mine: number[]): boolean {
  const ids = walk.pages.flat().map((row) => row.id);
  const increasing = ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0));
  return increasing && mine.every((id) => ids.includes(id));
}

async function walkOnce<T extends Row>(
  path: string,
  schema: ListSchema<T>,
  mine: number[],
  { limit, token }: { limit: number; token?: string },
): Promise<Walk<T>> {
  const first = Math.min(...mine);
  const last = Math.max(...mine);
  // Start a little before the first row so rows deleted meanwhile cannot put it behind the walk.
  let skip = Math.max(0, (await offsetOf(path, schema, first, token)) - 2);
  const pages: T[][] = [];
  for (;;) {
    const page = await fetchPage(path, schema, skip, limit, token);
    pages.push(page);
    if (page.length < limit || page.some((row) => row.id >= last)) return { pages };
    skip += limit;
  }
}

/** The offset of the first row whose id is at least `id`. */
async function offsetOf<T extends Row>(
  path: string,
  schema: ListSchema<T>,
  id: number,
  token: string | undefined,
): Promise<number> {
  // The largest page the endpoint serves: /users pages hold 15 (their users nest items).
  const size = path.endsWith('/users') ? 15 : 100;
  for (let skip = 0; ; skip += size) {
    const page = await fetchPage(path, schema, skip, size, token);
    const index = page.findIndex((row) => row.id >= id);
    if (index >= 0) return skip + index;
    if (page.length < size) throw new Error(`${path} does not list id ${id}`);
  }
}

async function fetchPage<T extends Row>(
  path: string,
  schema: ListSchema<T>,
  skip: number,
  limit: number,
  token: string | undefined,
): Promise<T[]> {
  const response = await api.get(`${path}?skip=${skip}&limit=${limit}`, { token });
  const rows: T[] = await expectJson(response, 200, schema);
  expect(rows.length).toBeLessThanOrEqual(limit);
  return rows;
}

/** The walk's pages are full up to the last, never overlap, and list ids in strictly rising order. */
export function expectOrderedPages<T extends Row>(walk: Walk<T>, mine: number[], limit: number) {
  for (const page of walk.pages.slice(0, -1)) expect(page).toHaveLength(limit);
  const ids = walk.pages.flat().map((row) => row.id);
  expect(new Set(ids).size, `duplicates in ${ids}`).toBe(ids.length);
  for (let i = 1; i < ids.length; i++) expect(ids[i], `${ids}`).toBeGreaterThan(ids[i - 1] ?? 0);
  expect(ids).toEqual(expect.arrayContaining(mine));
}
