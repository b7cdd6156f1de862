-- Down migration for 0004_add_users_is_superuser (reviewed): undoes
-- ../0004_add_users_is_superuser.sql. Who was a superuser is lost; nothing else depends on it.
ALTER TABLE "users" DROP COLUMN "is_superuser";
