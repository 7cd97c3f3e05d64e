CREATE TABLE "article_contributors" (
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_contributors_article_id_user_id_pk" PRIMARY KEY("article_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "published_article_authors" (
	"article_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "published_article_authors_article_id_user_id_pk" PRIMARY KEY("article_id","user_id")
);
--> statement-breakpoint
DROP INDEX "articles_slug_idx";--> statement-breakpoint
ALTER TABLE "article_revisions" ADD COLUMN "author_ids" jsonb;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "article_id" uuid;--> statement-breakpoint
ALTER TABLE "article_contributors" ADD CONSTRAINT "article_contributors_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_contributors" ADD CONSTRAINT "article_contributors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_article_authors" ADD CONSTRAINT "published_article_authors_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_article_authors" ADD CONSTRAINT "published_article_authors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "published_article_authors_user_idx" ON "published_article_authors" USING btree ("user_id","article_id");--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_slug_lookup_idx" ON "articles" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_slug_idx" ON "articles" USING btree ("slug") WHERE "articles"."first_published_at" is not null;--> statement-breakpoint
-- Appended by hand (data backfill and cache triggers, which drizzle-kit does not generate):
-- the live byline of every article that has a live revision is its current byline, as readers saw it until now.
INSERT INTO "published_article_authors" ("article_id", "user_id", "position")
  SELECT aa."article_id", aa."user_id", aa."position" FROM "article_authors" aa
  JOIN "articles" a ON a."id" = aa."article_id" WHERE a."published_revision_id" IS NOT NULL;
--> statement-breakpoint
-- Work not yet live: its authors, creator and last editor count as contributors for the two-person rule.
INSERT INTO "article_contributors" ("article_id", "user_id")
  SELECT x."article_id", x."user_id" FROM (
    SELECT aa."article_id", aa."user_id" FROM "article_authors" aa
    UNION SELECT a."id", a."created_by_id" FROM "articles" a WHERE a."created_by_id" IS NOT NULL
    UNION SELECT a."id", a."updated_by_id" FROM "articles" a WHERE a."updated_by_id" IS NOT NULL
  ) x JOIN "articles" a ON a."id" = x."article_id"
  WHERE a."status" <> 'published' OR a."has_unpublished_changes"
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The working byline is no longer public; the live one is (see migration 0003).
DROP TRIGGER IF EXISTS article_authors_public ON article_authors;
--> statement-breakpoint
CREATE TRIGGER published_article_authors_public AFTER INSERT OR UPDATE OR DELETE ON published_article_authors
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
