/** Reads and validates the JSON body and headers of a SQL-over-HTTP request, as Neon does. */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-errors.ts';

/** Neon's defaults for both directions (`sql_over_http_max_{request,response}_size_bytes`). */
export const maxBodyBytes = 10 * 1024 * 1024;
/** A Bind message counts its parameters in an int16, so Neon cannot encode more than this. */
export const maxParams = 32_767;

export interface QueryRequest {
  query: string;
  /** Text values for Postgres; null is SQL NULL. */
  params: (string | null)[];
  /** Overrides the Neon-Array-Mode header for this query. */
  arrayMode: boolean | undefined;
}

export type SqlBody =
  | { kind: 'single'; request: QueryRequest }
  | { kind: 'batch'; requests: QueryRequest[] };

export async function readBody(req: IncomingMessage): Promise<SqlBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // The rest is read but dropped, so the client gets the 413 and can keep the connection.
    if (size <= maxBodyBytes) chunks.push(chunk);
  }
  if (size > maxBodyBytes) {
    throw new HttpError(413, `request is too large (max is ${maxBodyBytes} bytes)`);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw parseError((error as Error).message);
  }
  if (isObject(body) && Array.isArray(body.queries)) {
    return { kind: 'batch', requests: body.queries.map(toRequest) };
  }
  return { kind: 'single', request: toRequest(body) };
}

function toRequest(value: unknown): QueryRequest {
  if (!isObject(value) || typeof value.query !== 'string') {
    throw parseError('expected an object with a string "query", or a "queries" array');
  }
  const params = value.params ?? [];
  if (!Array.isArray(params)) throw parseError('"params" must be an array');
  if (typeof value.arrayMode !== 'boolean' && value.arrayMode !== undefined) {
    throw parseError('"arrayMode" must be a boolean');
  }
  if (params.length > maxParams) {
    throw new HttpError(400, 'error encoding message to server: value too large to transmit');
  }
  return { query: value.query, params: params.map(toPgText), arrayMode: value.arrayMode };
}

function parseError(reason: string): HttpError {
  return new HttpError(400, `could not parse the HTTP request body: ${reason}`);
}

/** Neon's json_to_pg_text: strings as they are, other scalars and objects as JSON text. */
function toPgText(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return toPgArray(value);
  return JSON.stringify(value);
}

/** A JSON array as a Postgres array literal; Postgres itself checks the element type. */
function toPgArray(value: unknown): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `{${value.map(toPgArray).join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(JSON.stringify(value));
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Neon reads a flag as true only when the header is exactly "true". */
export function flag(req: IncomingMessage, name: string): boolean {
  return header(req, name) === 'true';
}
