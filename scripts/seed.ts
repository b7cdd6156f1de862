/**
 * `npm run db:seed`: a few users with items to try the API with. Idempotent: users are matched by
 * username and only get items when they have none, so running it again changes nothing.
 */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { items, users } from '../src/db/schema.ts';
import { hashPassword } from '../src/lib/password.ts';
import { requireDatabaseUrl } from '../tools/dev-database.ts';

const PASSWORD = 'password123';

const DEMO = [
  { username: 'ada', fullName: 'Ada Lovelace', items: [['Analytical engine notes', 120]] },
  {
    username: 'grace',
    fullName: 'Grace Hopper',
    items: [
      ['Nanosecond wire', 0.5],
      ['COBOL manual', 35],
    ],
  },
  { username: 'linus', fullName: 'Linus Torvalds', items: [['Mechanical keyboard', 149.99]] },
] as const;

// Without DATABASE_URL, the database of a running `npm run dev`.
const url = requireDatabaseUrl('db:seed');

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const db = drizzle({ client });
  await db.transaction(async (tx) => {
    for (const demo of DEMO) {
      await tx
        .insert(users)
        .values({
          username: demo.username,
          email: `${demo.username}@example.com`,
          fullName: demo.fullName,
          hashedPassword: await hashPassword(PASSWORD),
        })
        .onConflictDoNothing();
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.username, demo.username));
      if (!user || (await tx.$count(items, eq(items.ownerId, user.id))) > 0) continue;
      await tx
        .insert(items)
        .values(demo.items.map(([title, price]) => ({ title, price, ownerId: user.id })));
    }
  });
  console.log(`seeded ${DEMO.map((d) => d.username).join(', ')} (password: ${PASSWORD})`);
} finally {
  await client.end();
}
