-- Down migration for 0000_create_users_and_items (reviewed): undoes ../0000_create_users_and_items.sql
-- statement by statement, in reverse order. No CASCADE: if anything else came to depend on these
-- tables, the rollback fails instead of silently dropping it. The identity sequences belong to
-- their columns and go with the tables.
DROP INDEX "users_email_lower_key";--> statement-breakpoint
DROP INDEX "users_username_key";--> statement-breakpoint
DROP INDEX "items_owner_id_idx";--> statement-breakpoint
ALTER TABLE "items" DROP CONSTRAINT "items_owner_id_users_id_fk";--> statement-breakpoint
DROP TABLE "users";--> statement-breakpoint
DROP TABLE "items";
