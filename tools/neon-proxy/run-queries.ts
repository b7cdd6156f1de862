/** Runs the queries of one HTTP request: alone, or all in one transaction for a batch. */
import pg from 'pg';
import { type NeonResult, shape } from './results.ts';

export type Param = string | number | boolean | null;
export interface QueryRequest {
  query: string;
  params: Param[];
}
export interface BatchOptions {
  isolationLevel: string | undefined;
  readOnly: boolean | undefined;
  deferrable: boolean | undefined;
}

export async function runSingle(
  pool: pg.Pool,
  request: QueryRequest,
  arrayMode: boolean,
): Promise<NeonResult> {
  return withClient(pool, async (client) =>
    shape(await client.query(toConfig(request)), arrayMode),
  );
}

/** All queries share one transaction, so any failure leaves no trace in the database. */
export async function runBatch(
  pool: pg.Pool,
  requests: QueryRequest[],
  options: BatchOptions,
  arrayMode: boolean,
): Promise<NeonResult[]> {
  return withClient(pool, async (client, discard) => {
    await client.query(beginStatement(options));
    try {
      const results: NeonResult[] = [];
      for (const request of requests) {
        results.push(shape(await client.query(toConfig(request)), arrayMode));
      }
      await client.query('COMMIT');
      return results;
    } catch (error) {
      // If even ROLLBACK fails the connection is unusable; the caller still gets the first error.
      await client.query('ROLLBACK').catch(discard);
      throw error;
    }
  });
}

/**
 * Checks a client out for `work`. pool.query() would discard the connection after any error,
 * even a harmless SQL one; here only a broken connection is discarded, and a client whose state
 * is unknown never goes back to the pool.
 */
async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, discard: (error: Error) => void) => Promise<T>,
) {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The pool only listens while a client is idle; unheard, a reset socket crashes the process.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await work(client, onError);
  } catch (error) {
    if (!(error instanceof pg.DatabaseError)) broken = error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

const isolationLevels: Record<string, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

export function isIsolationLevel(value: string): boolean {
  return Object.hasOwn(isolationLevels, value);
}

function beginStatement({ isolationLevel, readOnly, deferrable }: BatchOptions): string {
  const parts = ['BEGIN'];
  if (isolationLevel !== undefined)
    parts.push(`ISOLATION LEVEL ${isolationLevels[isolationLevel]}`);
  if (readOnly !== undefined) parts.push(readOnly ? 'READ ONLY' : 'READ WRITE');
  if (deferrable !== undefined) parts.push(deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE');
  return parts.join(' ');
}

/** Neon always uses the extended protocol, so several statements in one query are an error. */
function toConfig({ query, params }: QueryRequest): pg.QueryArrayConfig {
  const config = { text: query, values: params, rowMode: 'array' as const, queryMode: 'extended' };
  return config;
}
