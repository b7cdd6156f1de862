/** Structured log lines that always carry the request id and never carry secrets or SQL. */
import type { Context } from 'hono';

type Level = 'debug' | 'info' | 'warn' | 'error';

export function logEvent(
  c: Context,
  level: Level,
  message: string,
  fields: Record<string, string | number | boolean | undefined> = {},
): void {
  const requestId: unknown = c.get('requestId');
  const line = JSON.stringify({ level, message, request_id: requestId, ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else if (level === 'info') console.info(line);
  else console.debug(line);
}

/** What may be logged of an error: its class and Postgres code, never its message or query. */
export function describeError(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof Error)) return { error: typeof error };
  const causes: string[] = [];
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    causes.push(current.name);
    const maybeCode = (current as { code?: unknown }).code;
    if (typeof maybeCode === 'string') code ??= maybeCode;
    current = current.cause;
  }
  // Database errors' messages and stacks can quote SQL and parameters: code and class only.
  const fromDatabase = code !== undefined || /Drizzle|Neon/.test(causes.join(' '));
  const stack = fromDatabase || error.name === 'ApiError' ? undefined : error.stack;
  return { error: causes.join(' <- '), code, stack };
}
