/** SQL for credentials: login, logout, password change. Plain functions over any Drizzle database. */
import { and, eq, sql } from 'drizzle-orm';
import type { Permission } from '../../auth/authorize.ts';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';

const credentials = {
  id: users.id,
  hashedPassword: users.hashedPassword,
  isActive: users.isActive,
  tokenVersion: users.tokenVersion,
};

/**
 * The account a login name names: an email address (it has `@`, which usernames never do) or a
 * username, either in any case; both lookups use their lower() unique index.
 */
export async function findCredentials(db: Database, login: string) {
  const column = login.includes('@') ? users.email : users.username;
  const [row] = await db
    .select(credentials)
    .from(users)
    .where(eq(sql`lower(${column})`, sql`lower(${login})`));
  return row;
}

/** The caller's own hash, for checking their current password (run with readAs). */
export function findPasswordHash(db: Database, id: number) {
  return db.select({ hashedPassword: users.hashedPassword }).from(users).where(eq(users.id, id));
}

/**
 * Stamps last_login and, when given, replaces the hash the login was checked against with one
 * made with current parameters, unless the password changed in the meantime.
 */
export async function recordLogin(
  db: Database,
  id: number,
  rehash?: { from: string; to: string },
): Promise<void> {
  const hashedPassword = rehash
    ? sql`case when ${users.hashedPassword} = ${rehash.from} then ${rehash.to} else ${users.hashedPassword} end`
    : undefined;
  await db.update(users).set({ lastLogin: sql`now()`, hashedPassword }).where(eq(users.id, id));
}

/**
 * Replaces the password only if it is still the one the caller proved they know, and retires every
 * token issued so far; returns the new token version.
 */
export function replacePassword(
  db: Database,
  id: number,
  change: { from: string; to: string },
  permission: Permission,
) {
  return db
    .update(users)
    .set({ hashedPassword: change.to, tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(and(eq(users.id, id), eq(users.hashedPassword, change.from), permission))
    .returning({ tokenVersion: users.tokenVersion });
}

/** Retires every token issued so far ("sign out everywhere"). */
export function revokeTokens(db: Database, id: number, permission: Permission) {
  return db
    .update(users)
    .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(and(eq(users.id, id), permission))
    .returning({ id: users.id });
}
