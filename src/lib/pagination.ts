/**
 * Pages of a list ordered by id: `skip` (offset, the tutorial's) or `after` (keyset: rows with a
 * greater id, the same cost at any depth), never both; `limit` rows at most. A full page answers
 * with `Link: <…?after=<last id>&limit=…>; rel="next"`, since a next page may exist.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { MAX_INT4, queryInteger } from './validation.ts';

export interface Page {
  skip: number | undefined;
  after: number | undefined;
  limit: number;
}

/** The query parameters of a list whose pages hold at most `maxLimit` rows (the default). */
export function pageQuery(maxLimit: number) {
  return z
    .object({
      skip: queryInteger('skip', 0, MAX_INT4),
      after: queryInteger('after', 0, MAX_INT4).openapi({
        description: 'Rows with an id greater than this (keyset paging); not with skip.',
      }),
      limit: queryInteger('limit', 1, maxLimit, maxLimit),
    })
    .refine((page) => page.skip === undefined || page.after === undefined, {
      path: ['after'],
      message: 'cannot be combined with skip',
    });
}

/** Sets the next page's link when this one is full. */
export function linkNextPage(c: Context, rows: readonly { id: number }[], page: Page): void {
  const last = rows.at(-1);
  if (!last || rows.length < page.limit) return;
  const next = new URLSearchParams({ after: String(last.id), limit: String(page.limit) });
  c.header('Link', `<${c.req.path}?${next}>; rel="next"`);
}

/** The response header's OpenAPI description, for the routes that set it. */
export const LINK_HEADER = {
  Link: {
    description: 'rel="next": the next page (keyset), when this page is full.',
    schema: { type: 'string' as const },
  },
};
