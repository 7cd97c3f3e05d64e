-- Custom migration: bump public_cache_state.generation in the same transaction as any change
-- readers can see, so cached public pages are never served across it (lib/cache/public-data.ts).
INSERT INTO public_cache_state (id, generation) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION newsroom_bump_public_generation() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    UPDATE public_cache_state SET generation = generation + 1, changed_at = now() WHERE id = 1;
    RETURN NULL;
  END $$;
--> statement-breakpoint
-- Articles change on every autosave: bump only when something public changed (state, live revision, slug).
CREATE OR REPLACE FUNCTION newsroom_bump_if_articles_public_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    IF TG_OP = 'UPDATE' THEN
      IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE o.status IS DISTINCT FROM n.status
                    OR o.published_revision_id IS DISTINCT FROM n.published_revision_id
                    OR o.published_updated_at IS DISTINCT FROM n.published_updated_at
                    OR o.slug IS DISTINCT FROM n.slug) THEN
        UPDATE public_cache_state SET generation = generation + 1, changed_at = now() WHERE id = 1;
      END IF;
    ELSIF TG_OP = 'INSERT' THEN
      IF EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') THEN
        UPDATE public_cache_state SET generation = generation + 1, changed_at = now() WHERE id = 1;
      END IF;
    ELSIF EXISTS (SELECT 1 FROM old_rows WHERE status = 'published') THEN
      UPDATE public_cache_state SET generation = generation + 1, changed_at = now() WHERE id = 1;
    END IF;
    RETURN NULL;
  END $$;
--> statement-breakpoint
CREATE TRIGGER articles_public_update AFTER UPDATE ON articles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_if_articles_public_changed();
--> statement-breakpoint
CREATE TRIGGER articles_public_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_if_articles_public_changed();
--> statement-breakpoint
CREATE TRIGGER articles_public_delete AFTER DELETE ON articles REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_if_articles_public_changed();
--> statement-breakpoint
CREATE TRIGGER author_profiles_public AFTER INSERT OR UPDATE OR DELETE ON author_profiles
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
--> statement-breakpoint
CREATE TRIGGER article_authors_public AFTER INSERT OR UPDATE OR DELETE ON article_authors
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
--> statement-breakpoint
CREATE TRIGGER sections_public AFTER INSERT OR UPDATE OR DELETE ON sections
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
--> statement-breakpoint
CREATE TRIGGER tags_public AFTER UPDATE OR DELETE ON tags
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
--> statement-breakpoint
CREATE TRIGGER corrections_public AFTER INSERT OR UPDATE OR DELETE ON corrections
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
--> statement-breakpoint
CREATE TRIGGER slug_redirects_public AFTER INSERT OR UPDATE OR DELETE ON slug_redirects
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
--> statement-breakpoint
CREATE TRIGGER site_settings_public AFTER INSERT OR UPDATE OR DELETE ON site_settings
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
