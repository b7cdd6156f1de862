/**
 * The one place that decides whether a request may proceed: every protected handler reads through
 * `readAs` or acts through `actAs`. Either way the caller check rides in the request's own batch
 * (one round trip), and a refusal is explained from rows read in that same batch: 401, then 404,
 * then 403, then 412 (If-Match), then 409.
 */
import { eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { inOneTransaction } from '../db/batch.ts';
import type { Database } from '../db/client.ts';
import { clearExpiredKey, findEarlier, type Once, toEarlier } from '../db/idempotency.ts';
import { type Replay, replayOf } from '../lib/idempotency.ts';
import { ApiError, forbidden, notFound, unauthorized } from '../lib/problem.ts';
import { type Caller, callerMay, callerQuery } from './caller.ts';
import { type Policy, preconditionSql } from './policies.ts';

/** Gates a statement on the caller's permission; only `actAs` hands one out. */
export type Permission = SQL & { readonly __permission: unique symbol };

type Query = BatchItem<'pg'>;

/** A result known to hold something: a non-empty list of rows, or a defined value. */
type Present<R> = R extends readonly (infer E)[] ? [E, ...E[]] : NonNullable<R>;

/** The caller as the batch read them: who is looking, for what a response may show. */
export type Viewer = { id: number; isSuperuser: boolean };

/** The caller, then the work's results, the first (the gated statement's) known to be present. */
type Acted<W extends readonly [Query, ...Query[]]> =
  BatchResponse<W> extends readonly [infer First, ...infer Rest]
    ? [Viewer, Present<First>, ...Rest]
    : never;

export const DEAD_TOKEN =
  'The token was revoked (logout or password change), or its account was deleted or deactivated.';

export function deadToken(): ApiError {
  return unauthorized(DEAD_TOKEN, 'invalid_token');
}

/** Runs `query` for a caller who is still alive, in one round trip; 401 otherwise. */
export async function readAs<Q extends Query>(
  db: Database,
  caller: Caller,
  query: Q,
): Promise<[Viewer, BatchResponse<[Q]>[0]]> {
  const [[me], result] = await inOneTransaction(db, [callerQuery(db, caller), query]);
  if (!me) throw deadToken();
  return [me, result];
}

/**
 * Runs `work(permission)` on the policy's target in one batch. The first statement of the work
 * must be gated by the permission: when it yields nothing, the request was refused, and the
 * caller and target rows read in the same batch say why. With an Idempotency-Key (`once`), the
 * permission also requires the key's first use, and a repeat gets the recorded answer instead.
 */
export async function actAs<W extends readonly [Query, ...Query[]]>(
  db: Database,
  caller: Caller,
  policy: Policy,
  work: (permission: Permission) => W,
): Promise<Acted<W>>;
export async function actAs<W extends readonly [Query, ...Query[]]>(
  db: Database,
  caller: Caller,
  policy: Policy,
  work: (permission: Permission) => W,
  once: Once | undefined,
): Promise<Acted<W> | Replay>;
export async function actAs<W extends readonly [Query, ...Query[]]>(
  db: Database,
  caller: Caller,
  policy: Policy,
  work: (permission: Permission) => W,
  once?: Once,
): Promise<Acted<W> | Replay> {
  const permitted = callerMay(db, caller, policy.rule);
  const fresh = preconditionSql(policy);
  const guarded = policy.guard?.condition ?? sql`true`;
  const permission = sql`(${permitted} and ${fresh} and ${guarded})` as Permission;
  const target = db
    .select({
      permitted: sql<boolean>`${permitted}`,
      fresh: sql<boolean>`${fresh}`,
      guarded: sql<boolean>`${guarded}`,
    })
    .from(policy.table)
    .where(eq(policy.table.id, policy.id))
    // Locked first, so neither the target nor its verdict changes before the work runs.
    .for('update');
  // A guard's lock goes first of all, so concurrent writes it protects take turns.
  const locks = policy.guard ? [policy.guard.lock(db)] : [];
  const before = once ? [clearExpiredKey(db, once)] : [];
  const after = once ? [findEarlier(db, once)] : [];
  const statements = [
    ...locks,
    target,
    callerQuery(db, caller),
    ...before,
    ...work(permission),
    ...after,
  ];
  const answers = await inOneTransaction(db, statements as unknown as [Query, ...Query[]]);
  const [found, [me], ...rest] = answers.slice(locks.length) as [Verdict[], Viewer[], ...unknown[]];
  const results = rest.slice(before.length, rest.length - after.length);
  if (me && !isEmpty(results[0])) return [me, ...results] as unknown as Acted<W>;
  const replay = me && once ? replayOf(once, toEarlier(rest.at(-1))) : undefined;
  if (replay) return replay;
  throw refusal(me !== undefined, found[0], policy);
}

type Verdict = { permitted: boolean; fresh: boolean; guarded: boolean };

/** Why a gated statement did nothing: 401, then 404, then 403, then 412, then 409. */
function refusal(alive: boolean, target: Verdict | undefined, policy: Policy) {
  if (!alive) return deadToken();
  if (!target) return notFound(policy.resource, policy.id);
  if (!target.permitted) return forbidden(policy.forbidden);
  if (!target.fresh) {
    const detail = `${policy.resource} ${policy.id} changed since the ETag in If-Match; read it again.`;
    return new ApiError(412, detail);
  }
  if (!target.guarded) return new ApiError(409, policy.guard?.conflict ?? 'Conflict.');
  // Allowed when checked, refused when written: the caller's account changed in between.
  return new ApiError(409, 'The account changed while this request ran; try again.');
}

/** Nothing found, no row returned, or (for a raw statement) a result without rows. */
function isEmpty(result: unknown): boolean {
  if (result === undefined) return true;
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown }).rows;
  return Array.isArray(rows) && rows.length === 0;
}
