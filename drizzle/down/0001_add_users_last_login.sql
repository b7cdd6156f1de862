-- Down migration for 0001_add_users_last_login (reviewed): undoes ../0001_add_users_last_login.sql.
-- The column's data is lost; nothing else depends on it.
ALTER TABLE "users" DROP COLUMN "last_login";
