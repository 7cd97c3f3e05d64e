import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { PUBLIC_TAG } from "@/lib/cache/public-data";

/**
 * After a section or tag change. Correctness does not depend on it (triggers on sections and
 * tags bump the public cache generation in the same transaction); this frees the old cached
 * pages at once and refreshes the acting editor's router cache for the newsroom page.
 */
export function revalidateTaxonomy(newsroomPath: "/newsroom/sections" | "/newsroom/tags"): void {
  try {
    revalidateTag(PUBLIC_TAG, { expire: 0 });
    revalidatePath("/", "layout");
  } catch (error) {
    if (process.env.DEBUG_CACHE) console.warn("public cache not expired (taxonomy):", (error as Error).message);
  }
  revalidatePath(newsroomPath);
}
