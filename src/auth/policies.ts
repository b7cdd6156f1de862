/**
 * Who may act on which row. Each rule is SQL over the caller's own row (`caller`) and the target
 * row, so the same expression gates the write and explains a refusal (authorize.ts).
 */
import { and, asc, eq, exists, inArray, ne, not, or, type SQL, sql } from 'drizzle-orm';
import { alias, QueryBuilder } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.ts';
import { items, users } from '../db/schema.ts';
import type { Precondition } from '../lib/etag.ts';
import type { CallerRow } from './caller.ts';

export interface Policy {
  resource: 'User' | 'Item';
  id: number;
  table: typeof users | typeof items;
  /** True when the (alive) caller may act on the target row. */
  rule: (me: CallerRow) => SQL;
  /** The 403 detail when they may not. */
  forbidden: string;
  /** A condition on the target the write must leave true (409 when it would not). */
  guard?: Guard;
  /** The client's If-Match: the target's revision must be one of these (412 otherwise). */
  precondition?: Precondition;
}

/** The policy, conditional on If-Match when the request sent one. */
export function ifMatching(policy: Policy, precondition: Precondition): Policy {
  return precondition ? { ...policy, precondition } : policy;
}

/** SQL for a precondition on the target row: `*` needs only that it exists. */
export function preconditionSql(policy: Policy): SQL {
  const { precondition } = policy;
  if (!precondition || 'any' in precondition) return sql`true`;
  const { revisions } = precondition;
  return revisions.length > 0 ? inArray(policy.table.revision, revisions) : sql`false`;
}

export interface Guard {
  condition: SQL;
  conflict: string;
  /** Locks what the condition reads, first in the batch, so concurrent writes take turns. */
  lock: (db: Database) => ReturnType<typeof lockActiveSuperusers>;
}

/** The user themselves, or a superuser. */
const selfOrSuperuser = (me: CallerRow) => or(eq(me.id, users.id), eq(me.isSuperuser, true));

/** Changing or deleting an account: the user themselves, or a superuser. */
export function manageUser(
  id: number,
  change: { superuserFields?: boolean; removesSuperuser?: boolean } = {},
): Policy {
  const policy: Policy = change.superuserFields
    ? {
        resource: 'User',
        id,
        table: users,
        rule: (me) => eq(me.isSuperuser, true),
        forbidden: 'Only a superuser may change is_superuser or reactivate an account.',
      }
    : {
        resource: 'User',
        id,
        table: users,
        rule: (me) => sql`${selfOrSuperuser(me)}`,
        forbidden: 'You may only do this to your own account.',
      };
  return change.removesSuperuser ? { ...policy, guard: keepsASuperuser } : policy;
}

/** What only the account's owner may do, superuser or not: their items, their credentials. */
export function actAsUser(id: number): Policy {
  return {
    resource: 'User',
    id,
    table: users,
    rule: (me) => eq(me.id, users.id),
    forbidden: 'You may only do this to your own account.',
  };
}

/** Changing or deleting an item: its owner, or a superuser. */
export function manageItem(id: number): Policy {
  return {
    resource: 'Item',
    id,
    table: items,
    rule: (me) => sql`${or(eq(me.id, items.ownerId), eq(me.isSuperuser, true))}`,
    forbidden: 'Only the owner may change this item.',
  };
}

const others = alias(users, 'other_superuser');

/**
 * Someone can always still operate the service: the target is not an active superuser, or another
 * active superuser remains after the write.
 */
const anotherActiveSuperuser = new QueryBuilder()
  .select({ one: sql`1` })
  .from(others)
  .where(and(eq(others.isSuperuser, true), eq(others.isActive, true), ne(others.id, users.id)));

const keepsASuperuser: Guard = {
  condition: sql`${or(
    not(and(eq(users.isSuperuser, true), eq(users.isActive, true)) ?? sql`false`),
    exists(anotherActiveSuperuser),
  )}`,
  conflict: 'The last active superuser cannot be demoted, deactivated or deleted.',
  lock: lockActiveSuperusers,
};

function lockActiveSuperusers(db: Database) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isSuperuser, true), eq(users.isActive, true)))
    .orderBy(asc(users.id))
    .for('update');
}
