import "server-only";

import { and, eq, sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { publicSlugRedirects } from "@/db/schema";

export type RedirectKind = "tag" | "author";

/**
 * Remembers that /tags/<oldSlug> or /authors/<oldSlug> now lives at the target's current slug.
 * Call in the transaction that changes the slug (rename, merge, profile edit).
 */
export async function upsertSlugRedirect({
  db,
  kind,
  oldSlug,
  targetId,
}: {
  db: Tx;
  kind: RedirectKind;
  oldSlug: string;
  targetId: string | number;
}): Promise<void> {
  await db
    .insert(publicSlugRedirects)
    .values({ kind, oldSlug, targetId: String(targetId) })
    .onConflictDoUpdate({ target: [publicSlugRedirects.kind, publicSlugRedirects.oldSlug], set: { targetId: String(targetId), createdAt: new Date() } });
}

/** A merged tag's old addresses follow it into the tag it was merged into. */
export async function updateSlugRedirectTargets({
  db,
  kind,
  fromId,
  toId,
}: {
  db: Tx;
  kind: RedirectKind;
  fromId: string | number;
  toId: string | number;
}): Promise<void> {
  await db
    .update(publicSlugRedirects)
    .set({ targetId: String(toId) })
    .where(and(eq(publicSlugRedirects.kind, kind), eq(publicSlugRedirects.targetId, String(fromId))));
}

/**
 * The current slug an old one redirects to, if its target still exists, the slug moved, and the
 * target is public (a tag on a live article, an author with a live byline): a redirect never
 * tells a reader the new name of something they could not see.
 */
export async function getSlugRedirectTarget({ db, kind, oldSlug }: { db: Tx; kind: RedirectKind; oldSlug: string }): Promise<string | null> {
  const rows =
    kind === "tag"
      ? await queryRows<{ slug: string }>(
          db,
          sql`select t.slug from public_slug_redirects r join tags t on t.id::text = r.target_id where r.kind = 'tag' and r.old_slug = ${oldSlug}
                and exists (select 1 from published_article_tags pt join articles a on a.id = pt.article_id
                            where pt.tag_id = t.id and a.status = 'published' and a.published_revision_id is not null)`,
        )
      : await queryRows<{ slug: string }>(
          db,
          sql`select p.slug from public_slug_redirects r join author_profiles p on p.user_id::text = r.target_id where r.kind = 'author' and r.old_slug = ${oldSlug}
                and exists (select 1 from published_article_authors pa join articles a on a.id = pa.article_id
                            where pa.user_id = p.user_id and a.status = 'published' and a.published_revision_id is not null)`,
        );
  const slug = rows[0]?.slug;
  return slug && slug !== oldSlug ? slug : null;
}
