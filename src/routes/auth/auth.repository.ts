/** SQL for logging in. Plain functions over any Drizzle Postgres database. */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';

export async function findCredentials(db: Database, username: string) {
  const [row] = await db
    .select({ id: users.id, hashedPassword: users.hashedPassword, isActive: users.isActive })
    .from(users)
    .where(eq(users.username, username));
  return row;
}

/** Stamps last_login and, when given, replaces a hash made with older parameters. */
export async function recordLogin(db: Database, id: number, newHash?: string): Promise<void> {
  await db
    .update(users)
    .set({ lastLogin: sql`now()`, ...(newHash ? { hashedPassword: newHash } : {}) })
    .where(eq(users.id, id));
}
