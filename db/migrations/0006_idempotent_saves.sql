ALTER TABLE "articles" ADD COLUMN "last_save_id" uuid;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "last_save_version" integer;