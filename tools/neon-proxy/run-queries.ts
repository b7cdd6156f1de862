/** Runs the queries of one HTTP request: alone, or all in one transaction for a batch. */
import pg from 'pg';
import type { Checkout } from './checkout.ts';
import { Cancelled, HttpError } from './http-errors.ts';
import type { QueryRequest } from './request-body.ts';
import { type NeonResult, type ResponseBudget, shapeFields, shapeRow } from './results.ts';

export interface RunOptions {
  /** From Neon-Array-Mode; a query's own `arrayMode` wins. */
  arrayMode: boolean;
  /** From Neon-Raw-Text-Output: values as Postgres text rather than JSON. */
  rawText: boolean;
  budget: ResponseBudget;
  /** Aborted when the HTTP client goes away. */
  signal: AbortSignal;
}

export interface BatchOptions {
  isolationLevel: string | undefined;
  readOnly: boolean;
  deferrable: boolean;
}

const isolationLevels: Record<string, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

/** Neon-Batch-Isolation-Level must name a level exactly, or the request is refused. */
export function checkIsolationLevel(value: string | undefined): string | undefined {
  if (value !== undefined && !Object.hasOwn(isolationLevels, value)) {
    throw new HttpError(400, 'invalid isolation level');
  }
  return value;
}

/** All queries share one transaction; the checkout rolls back whatever does not commit. */
export async function runBatch(
  checkout: Checkout,
  requests: QueryRequest[],
  batch: BatchOptions,
  options: RunOptions,
): Promise<NeonResult[]> {
  await checkout.client.query(beginStatement(batch));
  const results: NeonResult[] = [];
  for (const request of requests) results.push(await runQuery(checkout, request, options));
  // A client that left before the end must find nothing committed, as on Neon.
  if (options.signal.aborted) throw new Cancelled();
  await checkout.client.query('COMMIT');
  return results;
}

/**
 * One query through the extended protocol, as Neon sends it (so several statements in one query
 * are an error). Rows are shaped and counted as they arrive; on overflow or when the client
 * leaves, Postgres is asked to cancel, and the promise settles once the connection is quiet.
 */
export function runQuery(
  checkout: Checkout,
  request: QueryRequest,
  { arrayMode, rawText, budget, signal }: RunOptions,
): Promise<NeonResult> {
  const asArray = request.arrayMode ?? arrayMode;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Cancelled());
      return;
    }
    const rows: NeonResult['rows'] = [];
    let failure: Error | undefined;
    const stop = (error: Error) => {
      failure ??= error;
      checkout.cancel();
    };
    const onAbort = () => stop(new Cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    // pg's types omit rowMode and queryMode from the config of a bare Query.
    const config = {
      text: request.query,
      values: request.params,
      rowMode: 'array',
      queryMode: 'extended',
    } as pg.QueryConfig<(string | null)[]>;
    const query = new pg.Query(config);
    query.on('row', (values: (string | null)[], result?: pg.QueryResult) => {
      if (failure) return;
      try {
        const row = shapeRow(values, result?.fields ?? [], { asArray, rawText });
        budget.spend(row);
        rows.push(row);
      } catch (error) {
        stop(error as Error);
      }
    });
    query.on('error', (error: Error) => {
      signal.removeEventListener('abort', onAbort);
      reject(failure ?? error);
    });
    query.on('end', (result: pg.QueryResult) => {
      signal.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else resolve(toResult(result, rows, asArray));
    });
    checkout.client.query(query);
  });
}

function toResult(result: pg.QueryResult, rows: NeonResult['rows'], asArray: boolean): NeonResult {
  return {
    fields: shapeFields(result.fields),
    command: result.command,
    rowCount: result.rowCount,
    rows,
    rowAsArray: asArray,
  };
}

function beginStatement({ isolationLevel, readOnly, deferrable }: BatchOptions): string {
  const parts = ['BEGIN'];
  if (isolationLevel !== undefined) {
    parts.push(`ISOLATION LEVEL ${isolationLevels[isolationLevel]}`);
  }
  if (readOnly) parts.push('READ ONLY');
  if (deferrable) parts.push('DEFERRABLE');
  return parts.join(' ');
}
