CREATE TABLE "public_slug_redirects" (
	"kind" text NOT NULL,
	"old_slug" text NOT NULL,
	"target_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_slug_redirects_kind_old_slug_pk" PRIMARY KEY("kind","old_slug")
);
--> statement-breakpoint
CREATE INDEX "public_slug_redirects_target_idx" ON "public_slug_redirects" USING btree ("kind","target_id");--> statement-breakpoint
-- Hand-written: like every table readers see, a change bumps the public generation (migration 0003).
CREATE TRIGGER public_slug_redirects_public AFTER INSERT OR UPDATE OR DELETE ON public_slug_redirects
  FOR EACH STATEMENT EXECUTE FUNCTION newsroom_bump_public_generation();
