CREATE TABLE "inline_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"parent_id" integer,
	"author_id" uuid,
	"body" text NOT NULL,
	"quote" text,
	"anchor_from" "bytea",
	"anchor_to" "bytea",
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "inline_comments" ADD CONSTRAINT "inline_comments_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inline_comments" ADD CONSTRAINT "inline_comments_parent_id_inline_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."inline_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inline_comments" ADD CONSTRAINT "inline_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inline_comments" ADD CONSTRAINT "inline_comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inline_comments_article_idx" ON "inline_comments" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "inline_comments_parent_idx" ON "inline_comments" USING btree ("parent_id");