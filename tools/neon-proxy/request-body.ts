/** Reads and validates the JSON body and headers of a SQL-over-HTTP request. */
import type { IncomingMessage } from 'node:http';
import type { BatchOptions, Param, QueryRequest } from './run-queries.ts';
import { isIsolationLevel } from './run-queries.ts';

const maxBodyBytes = 16 * 1024 * 1024;

export class BadRequest extends Error {
  readonly status: number;

  constructor(message: string, status = 400) {
    super(message);
    this.status = status;
  }
}

export type SqlBody =
  | { kind: 'single'; request: QueryRequest }
  | { kind: 'batch'; requests: QueryRequest[] };

export async function readBody(req: IncomingMessage): Promise<SqlBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new BadRequest('request body is too large', 413);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
  if (isObject(body) && Array.isArray(body.queries)) {
    return { kind: 'batch', requests: body.queries.map((q, i) => toRequest(q, `queries[${i}]`)) };
  }
  return { kind: 'single', request: toRequest(body, 'body') };
}

function toRequest(value: unknown, where: string): QueryRequest {
  if (!isObject(value) || typeof value.query !== 'string') {
    throw new BadRequest(`${where} must be an object with a string "query"`);
  }
  const params = value.params ?? [];
  if (!Array.isArray(params) || !params.every(isParam)) {
    throw new BadRequest(`${where}.params must be an array of strings, numbers, booleans or nulls`);
  }
  return { query: value.query, params };
}

function isParam(value: unknown): value is Param {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function batchOptions(req: IncomingMessage): BatchOptions {
  const isolationLevel = header(req, 'Neon-Batch-Isolation-Level');
  if (isolationLevel !== undefined && !isIsolationLevel(isolationLevel)) {
    throw new BadRequest(`unknown Neon-Batch-Isolation-Level "${isolationLevel}"`);
  }
  return {
    isolationLevel,
    readOnly: flag(req, 'Neon-Batch-Read-Only'),
    deferrable: flag(req, 'Neon-Batch-Deferrable'),
  };
}

export function flag(req: IncomingMessage, name: string): boolean | undefined {
  const value = header(req, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new BadRequest(`${name} must be "true" or "false"`);
}
