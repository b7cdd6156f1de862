/**
 * Idempotency-Key records (IETF draft "The Idempotency-Key HTTP Header Field"): a create that
 * carries a key records what it answered in its own statement, so the row and the record commit
 * together or not at all; a repeat reads the record instead of writing again.
 */
import { and, eq, gt, lte, type SQL, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { idempotencyKeys } from './schema.ts';

/** How long an answer is kept for repeats; the scheduled handler deletes older records. */
export const KEY_LIFETIME_HOURS = 24;

/** One keyed request: where it was sent (and by whom), its key, and its body's fingerprint. */
export interface Once {
  scope: string;
  key: string;
  fingerprint: string;
}

/** What a repeat finds: the earlier answer (if recorded), and whether no request holds the key. */
export interface Earlier {
  record: { fingerprint: string; status: number; resource: unknown } | undefined;
  free: boolean;
}

const sameKey = (once: Once) =>
  and(eq(idempotencyKeys.scope, once.scope), eq(idempotencyKeys.key, once.key));
const live = (once: Once) => and(sameKey(once), gt(idempotencyKeys.expiresAt, sql`now()`));
const expired = (once: Once) => and(sameKey(once), lte(idempotencyKeys.expiresAt, sql`now()`));

// Held until the transaction ends; a key never contains a space, so `scope key` is unambiguous.
const lockKey = (once: Once) => sql`hashtextextended(${`${once.scope} ${once.key}`}, 0)`;

/**
 * The condition a keyed create adds to its insert: no answer recorded for the key, and no other
 * request running with it (a transaction-scoped advisory lock, released at commit or rollback,
 * so a crashed request never leaves the key stuck).
 */
export function firstWithKey(once: Once): SQL {
  return sql`not exists (select 1 from ${idempotencyKeys} where ${live(once)})
    and pg_try_advisory_xact_lock(${lockKey(once)})`;
}

/**
 * Wraps `insert … returning *` so the same statement records the answer, without the columns
 * named in `hidden`. Should a concurrent request record the key first anyway, the primary key
 * refuses this one (23505) and its insert rolls back with it: never two rows for one key.
 */
export function recordingInsert(insert: SQL, once: Once, status: number, hidden: string[]): SQL {
  const k = idempotencyKeys;
  return sql`with created as (${insert}),
    recorded as (
      insert into ${k} (scope, key, fingerprint, status, resource, expires_at)
      select ${once.scope}, ${once.key}, ${once.fingerprint}, ${status},
        to_jsonb(created)${sql.join(hidden.map((column) => sql` - ${column}::text`))},
        now() + make_interval(hours => ${KEY_LIFETIME_HOURS})
      from created
    )
    select * from created`;
}

/** Frees the key of an expired record (kept until the scheduled clean-up), so it can be reused. */
export function clearExpiredKey(db: Database, once: Once) {
  return db.delete(idempotencyKeys).where(expired(once));
}

/** The recorded answer for the key, and whether another request is running with it right now. */
export function findEarlier(db: Database, once: Once) {
  const k = idempotencyKeys;
  return db.execute(sql`select
      (select to_jsonb(r) from (select ${k.fingerprint}, ${k.status}, ${k.resource}
        from ${k} where ${live(once)}) r) as record,
      pg_try_advisory_xact_lock(${lockKey(once)}) as free`);
}

/** The row of `findEarlier`'s result. */
export function toEarlier(result: unknown): Earlier {
  const [row] = (result as { rows: { record: Earlier['record'] | null; free: boolean }[] }).rows;
  return { record: row?.record ?? undefined, free: row?.free ?? true };
}

/** Deletes every expired record: the Cron Trigger's work (src/index.ts). */
export async function deleteExpiredKeys(db: Database): Promise<number> {
  const deleted = await db
    .delete(idempotencyKeys)
    .where(lte(idempotencyKeys.expiresAt, sql`now()`))
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
