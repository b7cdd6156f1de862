/** SQL for users. Plain functions over any Drizzle Postgres database; nothing here knows HTTP. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { items, users } from '../../db/schema.ts';
import type { UserRow } from './users.schemas.ts';

export type NewUser = typeof users.$inferInsert;
export type UserChanges = Partial<
  Pick<NewUser, 'username' | 'email' | 'hashedPassword' | 'fullName' | 'isActive'>
>;

const publicColumns = { hashedPassword: false } as const;
const withItems = { items: { orderBy: asc(items.id) } } as const;

/** The user and their items, in one statement (a lazy query: it can join a batch). */
export function findUserById(db: Database, id: number) {
  return db.query.users.findFirst({
    where: eq(users.id, id),
    columns: publicColumns,
    with: withItems,
  });
}

/** A page of users with their items, in one statement (a lazy query: it can join a batch). */
export function listUsersPage(db: Database, page: { skip: number; limit: number }) {
  return db.query.users.findMany({
    columns: publicColumns,
    with: withItems,
    orderBy: [asc(users.id)],
    offset: page.skip,
    limit: page.limit,
  });
}

/** Uniqueness is left to the database: a taken username or email raises 23505. */
export async function insertUser(db: Database, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('INSERT ... RETURNING returned no row');
  return { ...withoutHash(row), items: [] };
}

/** Changes only the given columns; returns undefined when the user does not exist. */
export async function updateUser(
  db: Database,
  id: number,
  changes: UserChanges,
): Promise<UserRow | undefined> {
  if (Object.keys(changes).length > 0) {
    const updated = await db
      .update(users)
      .set(changes)
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (updated.length === 0) return undefined;
  }
  return findUserById(db, id);
}

/** Deletes the user (its items go with it, ON DELETE CASCADE) and returns what was deleted. */
export async function deleteUser(db: Database, id: number): Promise<UserRow | undefined> {
  const user = await findUserById(db, id);
  if (!user) return undefined;
  await db.delete(users).where(eq(users.id, id));
  return user;
}

function withoutHash(row: typeof users.$inferSelect): Omit<UserRow, 'items'> {
  const { hashedPassword: _, ...rest } = row;
  return rest;
}
