/** Database schema: the single source drizzle-kit generates migrations from. */
import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

/**
 * Bumped by a trigger on every change that shows in the row's representation (for users: the row
 * and their items), so an ETag built from it changes with what clients see (migration 0006).
 */
const revision = { revision: integer('revision').notNull().default(1) };

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdateFn(() => sql`now()`),
};

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: varchar('username', { length: 50 }).notNull(),
    email: varchar('email', { length: 320 }).notNull(),
    hashedPassword: text('hashed_password').notNull(),
    fullName: varchar('full_name', { length: 200 }),
    isActive: boolean('is_active').notNull().default(true),
    /** Operators: see every field of every user, change any user or item (src/auth/policies.ts). */
    isSuperuser: boolean('is_superuser').notNull().default(false),
    lastLogin: timestamp('last_login', { withTimezone: true }),
    /** Bumped by logout, a password change and deactivation: every older token stops working. */
    tokenVersion: integer('token_version').notNull().default(0),
    ...revision,
    ...timestamps,
  },
  (t) => [
    // Uniqueness is case-insensitive: the constraints, not a prior SELECT, decide races.
    uniqueIndex('users_username_lower_key').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
  ],
);

export const items = pgTable(
  'items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: varchar('title', { length: 200 }).notNull(),
    // Free text is deliberately not indexed: a B-tree entry over ~2.7 KB fails the insert.
    description: text('description'),
    price: numeric('price', { precision: 12, scale: 2, mode: 'number' }),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ...revision,
    ...timestamps,
  },
  (t) => [index('items_owner_id_idx').on(t.ownerId, t.id)],
);

/**
 * What a create with an `Idempotency-Key` answered, kept for a day so a retry gets the same answer
 * (src/db/idempotency.ts). Written by the create's own statement: both commit or neither.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** The endpoint and, for a signed-in caller, who: `user:7 POST /api/v1/users/7/items`. */
    scope: text('scope').notNull(),
    key: varchar('key', { length: 255 }).notNull(),
    /** HMAC of the request body: a repeat with another body is refused, never replayed. */
    fingerprint: text('fingerprint').notNull(),
    status: smallint('status').notNull(),
    /** The created row as it was answered (never a password hash): the replay renders it again. */
    resource: jsonb('resource').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('idempotency_keys_expires_at_idx').on(t.expiresAt),
  ],
);

export const usersRelations = relations(users, ({ many }) => ({ items: many(items) }));

export const itemsRelations = relations(items, ({ one }) => ({
  owner: one(users, { fields: [items.ownerId], references: [users.id] }),
}));
