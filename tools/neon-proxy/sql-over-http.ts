/** POST /sql: the endpoint behind the driver's `neon()` function and its `transaction()`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AllowList } from './allow-list.ts';
import { type PoolRegistry, parseConnectionString, type UpstreamTarget } from './pg-pools.ts';
import { BadRequest, batchOptions, flag, header, readBody } from './request-body.ts';
import { postgresErrorBody } from './results.ts';
import { runBatch, runSingle } from './run-queries.ts';
import type { StatsRecorder } from './stats.ts';

export interface SqlContext {
  allow: AllowList;
  pools: PoolRegistry;
  stats: StatsRecorder;
  delayMs: number;
  log: (line: string) => void;
}

export async function handleSql(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: SqlContext,
): Promise<void> {
  const started = performance.now();
  ctx.stats.add('httpRequests');
  if (ctx.delayMs > 0) await sleep(ctx.delayMs);
  const { status, body, queries } = await answer(req, ctx);
  if (ctx.delayMs > 0) await sleep(ctx.delayMs);
  const elapsed = Math.round(performance.now() - started);
  ctx.log(`POST /sql ${status} (${queries} ${queries === 1 ? 'query' : 'queries'}, ${elapsed} ms)`);
  sendJson(res, status, body);
}

async function answer(req: IncomingMessage, ctx: SqlContext) {
  let queries = 0;
  try {
    const target = targetOf(req);
    const arrayMode = flag(req, 'Neon-Array-Mode') ?? false;
    const options = batchOptions(req);
    const body = await readBody(req);
    queries = body.kind === 'batch' ? body.requests.length : 1;
    ctx.stats.add('httpQueries', queries);
    const verdict = await ctx.allow.check(target.host, target.port);
    if (!verdict.ok) {
      return { status: 403, body: { message: `neon proxy: ${verdict.reason}` }, queries };
    }
    const pool = ctx.pools.get(target, verdict.host);
    const result =
      body.kind === 'batch'
        ? { results: await runBatch(pool, body.requests, options, arrayMode) }
        : await runSingle(pool, body.request, arrayMode);
    return { status: 200, body: result, queries };
  } catch (error) {
    if (error instanceof BadRequest) {
      return { status: error.status, body: { message: error.message }, queries };
    }
    const pgBody = postgresErrorBody(error);
    if (pgBody) return { status: 400, body: pgBody, queries };
    const message = error instanceof Error ? error.message : String(error);
    ctx.log(`POST /sql upstream failure: ${message}`);
    return { status: 502, body: { message: `neon proxy: ${message}` }, queries };
  }
}

function targetOf(req: IncomingMessage): UpstreamTarget {
  const text = header(req, 'Neon-Connection-String');
  if (!text) throw new BadRequest('missing Neon-Connection-String header');
  try {
    return parseConnectionString(text);
  } catch (error) {
    // The message must not echo the string: it carries the password.
    throw new BadRequest(`invalid Neon-Connection-String: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
