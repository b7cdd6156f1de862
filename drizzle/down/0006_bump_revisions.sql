-- Down migration for 0006_bump_revisions (reviewed): undoes ../0006_bump_revisions.sql in
-- reverse order. The revision columns stay (0005 owns them) but stop moving.
DROP TRIGGER items_deleted_touch_owners ON items;--> statement-breakpoint
DROP TRIGGER items_updated_touch_owners ON items;--> statement-breakpoint
DROP TRIGGER items_inserted_touch_owners ON items;--> statement-breakpoint
DROP FUNCTION touch_item_owners();--> statement-breakpoint
DROP TRIGGER items_bump_revision ON items;--> statement-breakpoint
DROP TRIGGER users_bump_revision ON users;--> statement-breakpoint
DROP FUNCTION bump_revision();
