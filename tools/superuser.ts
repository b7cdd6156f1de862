/**
 * `npm run db:superuser`: create a superuser, or promote an existing account, against a database.
 * Same validation and PBKDF2 hashing as sign-up; idempotent; never a default password.
 */
import { eq, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { users } from '../src/db/schema.ts';
import { hashPassword } from '../src/lib/password.ts';
import { CreateUserBodySchema } from '../src/routes/users/users.schemas.ts';

export interface SuperuserRequest {
  username: string;
  email: string;
  /** Asked for only when the account must be created. */
  password: () => Promise<string | undefined>;
}

export type SuperuserOutcome = 'created' | 'promoted' | 'already a superuser';

export class SuperuserError extends Error {
  override name = 'SuperuserError';
}

export async function ensureSuperuser(url: string, request: SuperuserRequest) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const db = drizzle({ client });
    const [existing] = await db
      .select({
        id: users.id,
        email: users.email,
        super: users.isSuperuser,
        active: users.isActive,
      })
      .from(users)
      .where(eq(sql`lower(${users.username})`, request.username.toLowerCase()));
    if (existing) return await promote(db, existing, request.email);
    return await create(db, request);
  } finally {
    await client.end();
  }
}

type Db = NodePgDatabase;

async function promote(
  db: Db,
  user: { id: number; email: string; super: boolean; active: boolean },
  email: string,
): Promise<SuperuserOutcome> {
  // The username alone must not be enough to hand someone else's account operator rights.
  if (user.email.toLowerCase() !== email.toLowerCase()) {
    throw new SuperuserError(
      'that username belongs to an account with another email; nothing changed',
    );
  }
  if (user.super && user.active) return 'already a superuser';
  await db.update(users).set({ isSuperuser: true, isActive: true }).where(eq(users.id, user.id));
  return 'promoted';
}

async function create(db: Db, request: SuperuserRequest): Promise<SuperuserOutcome> {
  const password = await request.password();
  if (password === undefined) {
    throw new SuperuserError(
      'no password: set SUPERUSER_PASSWORD, or run in a terminal to be asked for one',
    );
  }
  const parsed = CreateUserBodySchema.safeParse({ ...request, password });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new SuperuserError(`invalid: ${fields.join('; ')}`);
  }
  const { username, email } = parsed.data;
  const taken = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (taken.length > 0) throw new SuperuserError('that email belongs to another account');
  const hashedPassword = await hashPassword(password);
  await db.insert(users).values({ username, email, hashedPassword, isSuperuser: true });
  return 'created';
}
