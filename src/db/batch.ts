/**
 * Several statements as one unit: over HTTP, one `batch` (one round trip, run by the server in one
 * transaction); inside an interactive transaction, one after the other on the open connection.
 */
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { NeonHttpDatabase } from 'drizzle-orm/neon-http';
import type { Database, Schema } from './client.ts';

type Batch = readonly [BatchItem<'pg'>, ...BatchItem<'pg'>[]];

function canBatch(db: Database): db is Database & Pick<NeonHttpDatabase<Schema>, 'batch'> {
  return typeof (db as { batch?: unknown }).batch === 'function';
}

export async function inOneTransaction<T extends Batch>(
  db: Database,
  queries: T,
): Promise<BatchResponse<T>> {
  if (canBatch(db)) return db.batch(queries);
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as BatchResponse<T>;
}
