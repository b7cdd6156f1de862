/** POST /sql: the endpoint behind the driver's `neon()` function and its `transaction()`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AllowList } from './allow-list.ts';
import { Checkout } from './checkout.ts';
import { connectFailure, errorJson, queryFailure } from './http-errors.ts';
import { type PoolRegistry, parseConnectionString } from './pg-pools.ts';
import { flag, header, readBody } from './request-body.ts';
import { ResponseBudget } from './results.ts';
import { checkIsolationLevel, runBatch, runQuery } from './run-queries.ts';
import type { StatsRecorder } from './stats.ts';

export interface SqlContext {
  allow: AllowList;
  pools: PoolRegistry;
  stats: StatsRecorder;
  delayMs: number;
  log: (line: string) => void;
}

interface Answer {
  status: number;
  body: unknown;
  queries: number;
}

export async function handleSql(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: SqlContext,
): Promise<void> {
  const started = performance.now();
  // As on Neon, a client that goes away (say, the app's timeout) cancels what it asked for.
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  if (ctx.delayMs > 0) await sleep(ctx.delayMs);
  // Counted as it reaches the database side: with a delay, work a Worker starts after answering
  // (waitUntil) is counted after its client saw the answer, which the benchmark relies on.
  ctx.stats.add('httpRequests');
  const { status, body, queries } = await answer(req, ctx, gone.signal);
  const elapsed = () => Math.round(performance.now() - started);
  const what = `${queries} ${queries === 1 ? 'query' : 'queries'}`;
  if (gone.signal.aborted) {
    ctx.log(`POST /sql cancelled: the client went away (${what}, ${elapsed()} ms)`);
    return;
  }
  if (ctx.delayMs > 0) await sleep(ctx.delayMs);
  ctx.log(`POST /sql ${status} (${what}, ${elapsed()} ms)`);
  sendJson(res, status, body);
}

async function answer(req: IncomingMessage, ctx: SqlContext, signal: AbortSignal) {
  let queries = 0;
  const fail = ({ status, body }: { status: number; body: unknown }): Answer => ({
    status,
    body,
    queries,
  });
  try {
    const target = parseConnectionString(header(req, 'Neon-Connection-String'));
    const batch = {
      isolationLevel: checkIsolationLevel(header(req, 'Neon-Batch-Isolation-Level')),
      readOnly: flag(req, 'Neon-Batch-Read-Only'),
      deferrable: flag(req, 'Neon-Batch-Deferrable'),
    };
    const body = await readBody(req);
    queries = body.kind === 'batch' ? body.requests.length : 1;
    ctx.stats.add('httpQueries', queries);
    const verdict = await ctx.allow.check(target.host, target.port);
    if (!verdict.ok) return fail({ status: 403, body: errorJson(`neon proxy: ${verdict.reason}`) });
    const pool = ctx.pools.get(target, verdict.host);
    const options = {
      arrayMode: flag(req, 'Neon-Array-Mode'),
      rawText: flag(req, 'Neon-Raw-Text-Output'),
      budget: new ResponseBudget(),
      signal,
    };
    let checkout: Checkout;
    try {
      checkout = await Checkout.open(pool, { host: verdict.host, port: target.port });
    } catch (error) {
      ctx.log(`POST /sql could not connect: ${(error as Error).message}`);
      return fail(connectFailure(error));
    }
    const result = await checkout.lend<unknown>((lent) =>
      body.kind === 'batch'
        ? runBatch(lent, body.requests, batch, options).then((results) => ({ results }))
        : runQuery(lent, body.request, options),
    );
    return { status: 200, body: result, queries };
  } catch (error) {
    return fail(queryFailure(error));
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    // Neon answers every /sql request with this, so browsers may call it directly.
    'access-control-allow-origin': '*',
  });
  res.end(text);
}
