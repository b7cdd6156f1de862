-- Down migration for 0003_case_insensitive_usernames_and_token_version (reviewed): undoes
-- ../0003_case_insensitive_usernames_and_token_version.sql in reverse order. Token versions are
-- lost (tokens revoked so far work again until they expire). Re-creating the case-sensitive index
-- cannot fail: names unique regardless of case are unique as written.
DROP INDEX "users_username_lower_key";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "token_version";--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree ("username");
