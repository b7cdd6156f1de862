/**
 * Who is calling: the user a valid token names. Whether that user may still act is never assumed
 * from the token: it is SQL that rides in the request's own statement or batch.
 */
import { and, eq, exists, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema.ts';
import type { TokenSubject } from '../lib/token.ts';

/** What a verified token says about the caller: who, and which generation of their tokens. */
export type Caller = Readonly<TokenSubject>;

/** The caller's own row, aliased so it can sit beside the `users` row a statement targets. */
export const callerRow = alias(users, 'caller');
export type CallerRow = typeof callerRow;

/**
 * The one definition of a caller who may still act: the account exists, is active, and has not
 * revoked the token (logout, password change and deactivation bump token_version).
 */
function alive(caller: Caller): SQL {
  const conditions = and(
    eq(callerRow.id, caller.id),
    eq(callerRow.isActive, true),
    eq(callerRow.tokenVersion, caller.tokenVersion),
  );
  return sql`${conditions}`;
}

/** The caller while alive; no row means the token is dead (401). */
export function callerQuery(db: Database, caller: Caller) {
  return db
    .select({ id: callerRow.id, isSuperuser: callerRow.isSuperuser })
    .from(callerRow)
    .where(alive(caller));
}

/** `EXISTS (the caller is alive and <rule>)`: true only for a caller who may act right now. */
export function callerMay(db: Database, caller: Caller, rule: (me: CallerRow) => SQL): SQL {
  const query = db
    .select({ one: sql`1` })
    .from(callerRow)
    .where(and(alive(caller), rule(callerRow)));
  return exists(query);
}
