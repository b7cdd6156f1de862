/**
 * Error answers of POST /sql, in the shape and with the statuses of Neon's proxy
 * (proxy/src/serverless/sql_over_http.rs): every field present, Postgres's values when the
 * error came from Postgres.
 */
import pg from 'pg';

/** Fields after `message`, in Neon's order; the driver copies each onto its NeonDbError. */
const fieldNames = [
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'severity',
  'where',
  'table',
  'column',
  'schema',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

export type ErrorJson = Record<'message' | (typeof fieldNames)[number], string | null>;

/** An answer decided by the stand-in itself (bad request, limits, refusals). */
export class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The client went away; nobody reads the answer, but the work must stop and roll back. */
export class Cancelled extends Error {
  constructor() {
    super('query was cancelled');
  }
}

/**
 * Neon fills `code` and `severity` from a Rust `&str` that defaults to "" and every other field
 * from an `Option` that defaults to null, so a non-Postgres error has exactly that shape.
 */
export function errorJson(message: string, source?: pg.DatabaseError): ErrorJson {
  const body = { message: source?.message ?? message } as ErrorJson;
  for (const name of fieldNames) {
    const fallback = name === 'code' || name === 'severity' ? '' : null;
    body[name] = source?.[name] ?? fallback;
  }
  return body;
}

/**
 * Connection-time failures are 500 (Neon classes them as compute or Postgres errors, not user
 * errors), carrying Postgres's fields when Postgres refused (bad password, too many connections).
 */
export function connectFailure(error: unknown): { status: number; body: ErrorJson } {
  if (error instanceof pg.DatabaseError) return { status: 500, body: errorJson('', error) };
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 500, body: errorJson(`error connecting to server: ${reason}`) };
}

/** Errors while running the request's queries: Neon answers them all with 400. */
export function queryFailure(error: unknown): { status: number; body: ErrorJson } {
  if (error instanceof HttpError) return { status: error.status, body: errorJson(error.message) };
  if (error instanceof pg.DatabaseError) return { status: 400, body: errorJson('', error) };
  const reason = error instanceof Error ? error.message : String(error);
  return { status: 400, body: errorJson(reason) };
}
