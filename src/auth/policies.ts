/**
 * Who may act on which row. Each rule is SQL over the caller's own row (`caller`) and the target
 * row, so the same expression gates the write and explains a refusal (authorize.ts).
 */
import { eq, type SQL } from 'drizzle-orm';
import { items, users } from '../db/schema.ts';
import type { CallerRow } from './caller.ts';

export interface Policy {
  resource: 'User' | 'Item';
  id: number;
  table: typeof users | typeof items;
  /** True when the (alive) caller may act on the target row. */
  rule: (me: CallerRow) => SQL;
  /** The 403 detail when they may not. */
  forbidden: string;
}

/** Acting on a user account, or on what belongs to it (its items): the user themselves. */
export function actOnUser(id: number): Policy {
  return {
    resource: 'User',
    id,
    table: users,
    rule: (me) => eq(me.id, users.id),
    forbidden: 'You may only do this to your own account.',
  };
}

/** Changing or deleting an item: its owner. */
export function actOnItem(id: number): Policy {
  return {
    resource: 'Item',
    id,
    table: items,
    rule: (me) => eq(me.id, items.ownerId),
    forbidden: 'Only the owner may change this item.',
  };
}
