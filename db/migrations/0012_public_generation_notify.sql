-- Custom migration: every bump of the public generation (0003's triggers) is also announced on
-- the channel newsroom_public_generation, with the new generation as payload. PostgreSQL delivers
-- it when the bumping transaction commits; the page cache (lib/cache/generation-watch.ts) listens,
-- so a cached hit needs no database read to know it is current.
CREATE OR REPLACE FUNCTION newsroom_notify_public_generation() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN
    PERFORM pg_notify('newsroom_public_generation', NEW.generation::text);
    RETURN NULL;
  END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS public_cache_state_notify ON public_cache_state;
--> statement-breakpoint
CREATE TRIGGER public_cache_state_notify AFTER UPDATE OF generation ON public_cache_state FOR EACH ROW
  EXECUTE FUNCTION newsroom_notify_public_generation();
