-- Down migration for 0005_add_revisions (reviewed): undoes ../0005_add_revisions.sql in reverse
-- order. Revisions are lost; ETags issued before the rollback no longer match anything.
ALTER TABLE "users" DROP COLUMN "revision";--> statement-breakpoint
ALTER TABLE "items" DROP COLUMN "revision";
