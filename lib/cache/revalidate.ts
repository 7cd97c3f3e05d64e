import "server-only";

import { revalidatePath, revalidateTag } from "next/cache";

import { logger } from "@/lib/observability/log.mjs";
import { invalidatePublicGeneration } from "@/server/public-generation.mjs";

import { PUBLIC_TAG } from "./public-data";

/**
 * Call after anything readers can see changes: a publication, an update, an unpublication, a
 * slug, an author profile, a section or a tag. Every public read is cached under one tag, and
 * any such change can show on the front page, lists, feeds, sitemaps and the related articles
 * of any other article.
 * Correctness does not depend on this call: cached reads are keyed on the database's public
 * generation (lib/cache/public-data.ts), which triggers bump in the changing transaction, so an
 * entry of an earlier generation is never read again. This marks them stale so that they go
 * ("max": no blocking re-read, and no re-render of the acting user's page inside the server
 * action's answer — the newsroom refreshes its page itself, router.refresh(), and a page rendered
 * twice made a publication take twice as long). Outside a request (the scheduler) Next refuses
 * it; that is logged at debug level (LOG_LEVEL=debug) and harmless.
 */
export function expirePublicSite(): void {
  // This process made the change: the next request reads the generation rather than wait for its notification.
  invalidatePublicGeneration();
  try {
    revalidateTag(PUBLIC_TAG, "max");
  } catch (error) {
    logger().debug({ reason: (error as Error).message }, "public cache not expired");
  }
}

/** expirePublicSite, from a newsroom page whose own list the change also alters (tags, sections, profile). */
export function expirePublicSiteFrom(newsroomPath: "/newsroom/sections" | "/newsroom/tags" | "/newsroom/profile"): void {
  expirePublicSite();
  revalidatePath(newsroomPath);
}
