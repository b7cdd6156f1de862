-- Custom SQL migration file, put your code below! --
-- A data check, hand-written (drizzle-kit generate --custom): 0003 makes usernames unique
-- regardless of case, and on a database that already holds usernames differing only in case its
-- CREATE UNIQUE INDEX would fail with an opaque duplicate-key error. This names the rows instead,
-- and says what to do. It changes nothing.
DO $$
DECLARE
  conflicts text;
BEGIN
  SELECT string_agg(format('"%s" (%s)', folded, accounts), '; ' ORDER BY folded)
    INTO conflicts
    FROM (
      SELECT lower(username) AS folded,
             string_agg(format('id %s: %s', id, username), ', ' ORDER BY id) AS accounts
        FROM users
       GROUP BY lower(username)
      HAVING count(*) > 1
    ) AS variants;
  IF conflicts IS NOT NULL THEN
    RAISE EXCEPTION 'usernames must become unique regardless of case, but these differ only in case: %. Rename all but one of each group (UPDATE users SET username = ''<new name>'' WHERE id = <id>;), tell those users, then run the migrations again.', conflicts;
  END IF;
END $$;
