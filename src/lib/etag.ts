/**
 * Conditional requests from row revisions (bumped by triggers, migration 0006): an entity tag
 * names the resource, its revision and, for users, which representation the caller was given.
 * `If-None-Match` saves sending an unchanged body; `If-Match` makes a write conditional, checked
 * inside the write's own statement (src/auth/authorize.ts).
 */
import type { Context } from 'hono';

type Kind = 'user' | 'item';

/** Strong: the same revision and variant always serialise to the same bytes. */
export function etagOf(kind: Kind, id: number, revision: number, variant?: string): string {
  return `"${kind}-${id}-r${revision}${variant ? `-${variant}` : ''}"`;
}

/** The tags of an If-Match / If-None-Match list, weakness dropped (RFC 9110 weak comparison). */
function tagsOf(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
}

/** Sets the ETag and says whether the client's copy is current (then answer 304, no body). */
export function isNotModified(c: Context, etag: string): boolean {
  c.header('ETag', etag);
  const header = c.req.header('If-None-Match');
  if (header === undefined) return false;
  const tags = tagsOf(header);
  return tags.includes('*') || tags.includes(etag);
}

/** What If-Match asks for: any current revision (`*`), one of these revisions, or no condition. */
export type Precondition = { any: true } | { revisions: number[] } | undefined;

export function ifMatch(c: Context, kind: Kind, id: number): Precondition {
  const header = c.req.header('If-Match');
  if (header === undefined) return undefined;
  const tags = tagsOf(header);
  if (tags.includes('*')) return { any: true };
  const pattern = new RegExp(`^"${kind}-${id}-r(\\d{1,10})(-[a-z]+)?"$`);
  const revisions = tags.flatMap((tag) => {
    const revision = pattern.exec(tag)?.[1];
    return revision ? [Number(revision)] : [];
  });
  return { revisions };
}
