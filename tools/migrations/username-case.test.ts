/**
 * 0002 checks that usernames are already unique regardless of case before 0003 makes them so:
 * on a database holding case variants, the migration names them and what to do, and changes
 * nothing; once they are renamed, it runs through.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { withClient } from './database.ts';
import { openTestDatabase, query, type TestDatabase } from './test-support.ts';
import { migrate } from './up.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const insertUser = (username: string) =>
  query(
    database.url,
    `insert into users (username, email, hashed_password) values ($1, $2, 'x') returning id`,
    [username, `${username}-${Math.random()}@example.com`],
  );

it('names the usernames that differ only in case, and applies once they are renamed', async () => {
  await withClient(database.url, (client) => migrate(client, { to: '0001_add_users_last_login' }));
  const alice = await insertUser('Alice');
  await insertUser('alice');
  await insertUser('Bob');

  const failed = withClient(database.url, (client) => migrate(client));
  await expect(failed).rejects.toThrow(
    /differ only in case: "alice" \(id \d+: Alice, id \d+: alice\)/,
  );
  await expect(failed).rejects.toThrow(/Rename all but one/);
  const indexes = await query(
    database.url,
    `select indexname from pg_indexes where tablename = 'users'`,
  );
  expect(indexes.rows.map((row) => row.indexname)).toContain('users_username_key');

  await query(database.url, `update users set username = 'Alice2' where id = $1`, [
    alice.rows[0]?.id,
  ]);
  const { applied } = await withClient(database.url, (client) => migrate(client));
  expect(applied.map((migration) => migration.tag)).toContain(
    '0003_case_insensitive_usernames_and_token_version',
  );
  await expect(insertUser('BOB')).rejects.toThrow(/users_username_lower_key/);
});
