import "server-only";

import { revalidatePath, revalidateTag } from "next/cache";

import { logger } from "@/lib/observability/log.mjs";
import { invalidatePublicGeneration } from "@/server/public-generation.mjs";

import { PUBLIC_TAG } from "./public-data";

/**
 * Call after anything readers can see changes: a publication, an update, an unpublication, a
 * slug, an author profile, a section or a tag. Every public read is cached under one tag, and
 * any such change can show on the front page, lists, feeds, sitemaps and the related articles
 * of any other article, so all of it expires at once, immediately (expire: 0, no stale page is
 * ever served after an unpublication).
 * Correctness does not depend on this call: cached reads are keyed on the database's public
 * generation (lib/cache/public-data.ts), which triggers bump in the changing transaction. This
 * only frees the old entries at once and refreshes the acting user's router cache. Outside a
 * request (the scheduler) Next refuses it; that is logged at debug level (LOG_LEVEL=debug) and harmless.
 */
export function expirePublicSite(): void {
  // This process made the change: the next request reads the generation rather than wait for its notification.
  invalidatePublicGeneration();
  try {
    revalidateTag(PUBLIC_TAG, { expire: 0 });
    // Also drops the acting user's client router cache when called from a server action.
    revalidatePath("/", "layout");
  } catch (error) {
    logger().debug({ reason: (error as Error).message }, "public cache not expired");
  }
}

/** expirePublicSite, from a newsroom page whose own list the change also alters (tags, sections, profile). */
export function expirePublicSiteFrom(newsroomPath: "/newsroom/sections" | "/newsroom/tags" | "/newsroom/profile"): void {
  expirePublicSite();
  revalidatePath(newsroomPath);
}
