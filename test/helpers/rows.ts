/** What the database holds, read directly, to prove what a request did or did not write. */
import { eq, sql } from 'drizzle-orm';
import { items, users } from '../../src/db/schema.ts';
import { testDatabase } from './db.ts';

export async function userIdsNamed(username: string): Promise<number[]> {
  const rows = await testDatabase()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username));
  return rows.map((row) => row.id);
}

/** Matches the way uniqueness does: case-insensitively. */
export async function userIdsWithEmail(email: string): Promise<number[]> {
  const rows = await testDatabase()
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return rows.map((row) => row.id);
}

export async function storedPasswordHash(userId: number): Promise<string | undefined> {
  const [row] = await testDatabase()
    .select({ hash: users.hashedPassword })
    .from(users)
    .where(eq(users.id, userId));
  return row?.hash;
}

export async function itemIdsOwnedBy(ownerId: number): Promise<number[]> {
  const rows = await testDatabase()
    .select({ id: items.id })
    .from(items)
    .where(eq(items.ownerId, ownerId));
  return rows.map((row) => row.id);
}

export async function itemIdsTitled(title: string): Promise<number[]> {
  const rows = await testDatabase()
    .select({ id: items.id })
    .from(items)
    .where(eq(items.title, title));
  return rows.map((row) => row.id);
}
