CREATE TABLE "cdn_purge_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tags" text[] NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cdn_purge_outbox_due_idx" ON "cdn_purge_outbox" USING btree ("next_attempt_at");--> statement-breakpoint
-- Appended by hand (triggers, which drizzle-kit does not generate): every change readers can see
-- queues the cache tags of the pages it touches (the tags lib/cdn/tags.ts puts on responses), in
-- the same transaction, next to the public generation bump of 0003. Tags: article-<id>,
-- author-<user id>, tag-<id>, section-<id>, listings (front page, search, feeds, sitemaps) and
-- site (every page).
CREATE OR REPLACE FUNCTION newsroom_cdn_purge_article() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    changed uuid;
    purge text[] := ARRAY['listings'];
  BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD.id; ELSE changed := NEW.id; END IF;
    purge := purge || ('article-' || changed::text);
    IF TG_OP <> 'INSERT' AND OLD.published_section_id IS NOT NULL THEN purge := purge || ('section-' || OLD.published_section_id); END IF;
    IF TG_OP <> 'DELETE' AND NEW.published_section_id IS NOT NULL THEN purge := purge || ('section-' || NEW.published_section_id); END IF;
    -- Its tag and author pages list it.
    purge := purge || ARRAY(SELECT 'tag-' || p.tag_id FROM published_article_tags p WHERE p.article_id = changed);
    purge := purge || ARRAY(SELECT 'author-' || p.user_id FROM published_article_authors p WHERE p.article_id = changed);
    INSERT INTO cdn_purge_outbox (tags) VALUES (purge);
    RETURN NULL;
  END $$;
--> statement-breakpoint
-- Row level with the condition of 0005 (constant time per row), narrowed to articles that are or
-- were published: a draft's status or slug is no public change.
CREATE TRIGGER articles_cdn_purge_update AFTER UPDATE ON articles FOR EACH ROW
  WHEN ((OLD.status = 'published' OR NEW.status = 'published')
        AND (OLD.status IS DISTINCT FROM NEW.status
          OR OLD.published_revision_id IS DISTINCT FROM NEW.published_revision_id
          OR OLD.published_updated_at IS DISTINCT FROM NEW.published_updated_at
          OR OLD.published_section_id IS DISTINCT FROM NEW.published_section_id
          OR OLD.slug IS DISTINCT FROM NEW.slug))
  EXECUTE FUNCTION newsroom_cdn_purge_article();
--> statement-breakpoint
CREATE TRIGGER articles_cdn_purge_insert AFTER INSERT ON articles FOR EACH ROW
  WHEN (NEW.status = 'published') EXECUTE FUNCTION newsroom_cdn_purge_article();
--> statement-breakpoint
CREATE TRIGGER articles_cdn_purge_delete AFTER DELETE ON articles FOR EACH ROW
  WHEN (OLD.status = 'published') EXECUTE FUNCTION newsroom_cdn_purge_article();
--> statement-breakpoint
-- Statement level for the other tables: one outbox row per statement. TG_ARGV[0] is the tag
-- prefix, TG_ARGV[1] the column holding the id; an INSERT trigger only has new_rows and a DELETE
-- trigger only old_rows, and PL/pgSQL plans a statement only when it runs it.
CREATE OR REPLACE FUNCTION newsroom_cdn_purge_rows() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    purge text[];
    extra text[] := TG_ARGV[2:];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      EXECUTE format('SELECT array_agg(DISTINCT %L || %I) FROM new_rows', TG_ARGV[0], TG_ARGV[1]) INTO purge;
    ELSIF TG_OP = 'DELETE' THEN
      EXECUTE format('SELECT array_agg(DISTINCT %L || %I) FROM old_rows', TG_ARGV[0], TG_ARGV[1]) INTO purge;
    ELSE
      EXECUTE format('SELECT array_agg(DISTINCT %L || x) FROM (SELECT %I::text AS x FROM old_rows UNION SELECT %I::text FROM new_rows) u',
        TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]) INTO purge;
    END IF;
    IF purge IS NOT NULL THEN
      INSERT INTO cdn_purge_outbox (tags) VALUES (purge || coalesce(extra, ARRAY[]::text[]));
    END IF;
    RETURN NULL;
  END $$;
--> statement-breakpoint
-- Their own pages, and every page showing them (an article's page carries its authors', tags' and
-- section's tags; sections are in every page's navigation).
CREATE TRIGGER published_article_tags_cdn_purge_insert AFTER INSERT ON published_article_tags REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('tag-', 'tag_id');
--> statement-breakpoint
CREATE TRIGGER published_article_tags_cdn_purge_update AFTER UPDATE ON published_article_tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('tag-', 'tag_id');
--> statement-breakpoint
CREATE TRIGGER published_article_tags_cdn_purge_delete AFTER DELETE ON published_article_tags REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('tag-', 'tag_id');
--> statement-breakpoint
CREATE TRIGGER published_article_authors_cdn_purge_insert AFTER INSERT ON published_article_authors REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('author-', 'user_id');
--> statement-breakpoint
CREATE TRIGGER published_article_authors_cdn_purge_update AFTER UPDATE ON published_article_authors REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('author-', 'user_id');
--> statement-breakpoint
CREATE TRIGGER published_article_authors_cdn_purge_delete AFTER DELETE ON published_article_authors REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('author-', 'user_id');
--> statement-breakpoint
CREATE TRIGGER author_profiles_cdn_purge_insert AFTER INSERT ON author_profiles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('author-', 'user_id');
--> statement-breakpoint
CREATE TRIGGER author_profiles_cdn_purge_update AFTER UPDATE ON author_profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('author-', 'user_id');
--> statement-breakpoint
CREATE TRIGGER author_profiles_cdn_purge_delete AFTER DELETE ON author_profiles REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('author-', 'user_id');
--> statement-breakpoint
CREATE TRIGGER tags_cdn_purge_update AFTER UPDATE ON tags REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('tag-', 'id');
--> statement-breakpoint
CREATE TRIGGER tags_cdn_purge_delete AFTER DELETE ON tags REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('tag-', 'id');
--> statement-breakpoint
CREATE TRIGGER sections_cdn_purge_insert AFTER INSERT ON sections REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('section-', 'id', 'listings', 'site');
--> statement-breakpoint
CREATE TRIGGER sections_cdn_purge_update AFTER UPDATE ON sections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('section-', 'id', 'listings', 'site');
--> statement-breakpoint
CREATE TRIGGER sections_cdn_purge_delete AFTER DELETE ON sections REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('section-', 'id', 'listings', 'site');
--> statement-breakpoint
CREATE TRIGGER corrections_cdn_purge_insert AFTER INSERT ON corrections REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('article-', 'article_id');
--> statement-breakpoint
CREATE TRIGGER corrections_cdn_purge_update AFTER UPDATE ON corrections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('article-', 'article_id');
--> statement-breakpoint
CREATE TRIGGER corrections_cdn_purge_delete AFTER DELETE ON corrections REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_rows('article-', 'article_id');
--> statement-breakpoint
-- The site's name, language and time zone are on every page.
CREATE OR REPLACE FUNCTION newsroom_cdn_purge_site() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    INSERT INTO cdn_purge_outbox (tags) VALUES (ARRAY['site']);
    RETURN NULL;
  END $$;
--> statement-breakpoint
CREATE TRIGGER site_settings_cdn_purge AFTER INSERT OR UPDATE OR DELETE ON site_settings
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_cdn_purge_site();
