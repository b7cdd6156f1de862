-- Custom SQL migration file, put your code below! --
-- Hand-written (drizzle-kit generate --custom): triggers that keep `revision` (0005) honest for
-- ETags and If-Match, whatever path changes a row: a row's revision goes up with every update
-- that changes it, and a user's goes up too whenever their items change (their representation
-- nests the first items and items_count). Statement-level for items, so a cascade that deletes
-- 20,000 items touches their owner once.
CREATE FUNCTION bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW IS DISTINCT FROM OLD THEN
    NEW.revision := OLD.revision + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_bump_revision BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION bump_revision();
--> statement-breakpoint
CREATE TRIGGER items_bump_revision BEFORE UPDATE ON items
  FOR EACH ROW EXECUTE FUNCTION bump_revision();
--> statement-breakpoint
CREATE FUNCTION touch_item_owners() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET revision = revision + 1 WHERE id IN (SELECT owner_id FROM changed_items);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER items_inserted_touch_owners AFTER INSERT ON items
  REFERENCING NEW TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION touch_item_owners();
--> statement-breakpoint
CREATE TRIGGER items_updated_touch_owners AFTER UPDATE ON items
  REFERENCING NEW TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION touch_item_owners();
--> statement-breakpoint
CREATE TRIGGER items_deleted_touch_owners AFTER DELETE ON items
  REFERENCING OLD TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION touch_item_owners();
