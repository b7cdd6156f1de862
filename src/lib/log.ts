/** Structured log lines that always carry the request id and never carry secrets or SQL. */
import type { Context } from 'hono';
import { causes } from './causes.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, string | number | boolean | undefined>;

/** A request's log line: the request id comes from the context. */
export function logEvent(c: Context, level: Level, message: string, fields: Fields = {}): void {
  const requestId: unknown = c.get('requestId');
  log(level, message, { request_id: requestId as string | undefined, ...fields });
}

/** A log line outside any request (the scheduled handler). */
export function log(level: Level, message: string, fields: Fields = {}): void {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else if (level === 'info') console.info(line);
  else console.debug(line);
}

/** What may be logged of an error: its class and Postgres code, never its message or query. */
export function describeError(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof Error)) return { error: typeof error };
  const chain = [...causes(error)];
  const names = chain.map((current) => current.name).join(' <- ');
  const code = chain
    .map((current) => (current as { code?: unknown }).code)
    .find((value): value is string => typeof value === 'string');
  // Database errors' messages and stacks can quote SQL and parameters: code and class only.
  const fromDatabase = code !== undefined || /Drizzle|Neon|Database/.test(names);
  const stack = fromDatabase || error.name === 'ApiError' ? undefined : error.stack;
  return { error: names, code, stack };
}
