ALTER TABLE "articles" ADD COLUMN "published_section_id" integer;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_published_section_id_sections_id_fk" FOREIGN KEY ("published_section_id") REFERENCES "public"."sections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Backfill (hand-written): the section of each article's live revision, where that section still exists.
UPDATE "articles" a SET "published_section_id" = r."section_id"
  FROM "article_revisions" r JOIN "sections" s ON s."id" = r."section_id"
  WHERE r."id" = a."published_revision_id";
--> statement-breakpoint
CREATE INDEX "articles_published_section_idx" ON "articles" USING btree ("published_section_id","first_published_at","id","published_revision_id","published_updated_at","slug") WHERE "articles"."status" = 'published' and "articles"."published_revision_id" is not null;