/**
 * Several statements as one transaction: over HTTP, one `batch` (one round trip, which the server
 * runs in one transaction); on an interactive transaction's connection (interactive-transaction
 * middleware), one after the other inside that open transaction. Any other database is refused,
 * so the name never lies.
 */
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { NeonHttpDatabase } from 'drizzle-orm/neon-http';
import type { Database, Schema } from './client.ts';

type Batch = readonly [BatchItem<'pg'>, ...BatchItem<'pg'>[]];

/** Databases whose connection is inside a BEGIN that the interactive-transaction middleware owns. */
const openTransactions = new WeakSet<Database>();

export function registerOpenTransaction(db: Database): void {
  openTransactions.add(db);
}

function canBatch(db: Database): db is Database & Pick<NeonHttpDatabase<Schema>, 'batch'> {
  return typeof (db as { batch?: unknown }).batch === 'function';
}

export async function inOneTransaction<T extends Batch>(
  db: Database,
  queries: T,
): Promise<BatchResponse<T>> {
  if (canBatch(db)) return db.batch(queries);
  if (!openTransactions.has(db)) throw new Error('inOneTransaction: no transaction to run in');
  const results: unknown[] = [];
  for (const query of queries) results.push(await query);
  return results as BatchResponse<T>;
}
