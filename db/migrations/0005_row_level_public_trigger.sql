-- Custom migration: the statement-level UPDATE trigger of 0003 joined its transition tables,
-- which have no index, so a bulk update of N articles cost O(N²) (40,000 rows read 121 GB in the
-- scale benchmark). A row-level trigger with a WHEN clause checks each row in constant time and
-- calls the function only for rows whose public state changed.
DROP TRIGGER IF EXISTS articles_public_update ON articles;
--> statement-breakpoint
CREATE TRIGGER articles_public_update AFTER UPDATE ON articles FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.published_revision_id IS DISTINCT FROM NEW.published_revision_id
        OR OLD.published_updated_at IS DISTINCT FROM NEW.published_updated_at
        OR OLD.slug IS DISTINCT FROM NEW.slug)
  EXECUTE FUNCTION newsroom_bump_public_generation();
