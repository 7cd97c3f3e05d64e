import "server-only";
import { asc, ilike, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { tags } from "@/db/schema";
import { tagKey } from "@/lib/validations/article";

/** Existing tags whose slug starts with what was typed (accents and case folded), or whose name contains it. */
export async function suggestTags(db: Tx, typed: string, limit = 8): Promise<string[]> {
  const key = tagKey(typed);
  const plain = typed.replace(/^#+/, "").trim().replace(/[%_\\]/g, "");
  if (!key) return [];
  const rows = await db
    .select({ name: tags.name })
    .from(tags)
    .where(or(sql`${tags.slug} like ${key + "%"}`, ilike(tags.name, `%${plain}%`)))
    .orderBy(asc(tags.name))
    .limit(limit);
  return rows.map((r) => r.name);
}
