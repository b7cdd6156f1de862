/**
 * Routing as HTTP means it: a known path asked with a method it lacks is 405 with `Allow` (not
 * 404; OPTIONS is answered before, by the CORS middleware), and a fixed segment (`/users/me`) is never the value
 * of a parameter (`/users/{user_id}`), so `PUT /users/me` is not an update of user "me".
 * Decided from the app's own route table, before any authentication, body or database work.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError, noRoute } from '../lib/problem.ts';

interface RouteEntry {
  method: string;
  path: string;
}

interface Pattern {
  segments: string[];
  methods: Set<string>;
}

const segmentsOf = (path: string) => path.replace(/\/+$/, '').split('/');
const isParameter = (segment: string) => segment.startsWith(':') || segment === '*';

/** Patterns with their methods, and the fixed segments that follow each prefix. */
function compile(routes: readonly RouteEntry[]) {
  const patterns = new Map<string, Pattern>();
  const fixed = new Map<string, Set<string>>();
  for (const { method, path } of routes) {
    if (method === 'ALL') continue; // middleware, not a route
    const segments = segmentsOf(path);
    const key = segments.join('/');
    const pattern = patterns.get(key) ?? { segments, methods: new Set<string>() };
    pattern.methods.add(method);
    patterns.set(key, pattern);
    segments.forEach((segment, index) => {
      if (isParameter(segment)) return;
      const prefix = segments.slice(0, index).join('/');
      fixed.set(prefix, (fixed.get(prefix) ?? new Set()).add(segment));
    });
  }
  return { patterns: [...patterns.values()], fixed };
}

function matches(pattern: Pattern, path: string[], fixed: Map<string, Set<string>>): boolean {
  if (pattern.segments.length !== path.length) return false;
  return pattern.segments.every((segment, index) => {
    const value = path[index] ?? '';
    if (!isParameter(segment)) return segment === value;
    const prefix = pattern.segments.slice(0, index).join('/');
    return value !== '' && !fixed.get(prefix)?.has(value);
  });
}

/** The methods a path has, HEAD wherever GET is, OPTIONS everywhere, in a stable order. */
function allowOf(methods: Set<string>): string {
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  return order.filter((method) => methods.has(method)).join(', ');
}

export function allowedMethods(routes: () => readonly RouteEntry[]): MiddlewareHandler {
  let table: ReturnType<typeof compile> | undefined;
  return async function allowedMethods(c, next) {
    // Compiled on first use: the routes are mounted after the middleware is.
    table ??= compile(routes());
    const { patterns, fixed } = table;
    const path = segmentsOf(c.req.path);
    const found = patterns.filter((pattern) => matches(pattern, path, fixed));
    if (found.length === 0) throw noRoute(c.req.method, c.req.path);
    const methods = new Set(found.flatMap((pattern) => [...pattern.methods]));
    // Hono answers HEAD through the GET route.
    if (methods.has(c.req.method === 'HEAD' ? 'GET' : c.req.method)) return next();
    const allow = allowOf(methods);
    throw new ApiError(405, `${c.req.path} does not accept ${c.req.method}; it accepts ${allow}.`, {
      headers: { Allow: allow },
    });
  };
}
