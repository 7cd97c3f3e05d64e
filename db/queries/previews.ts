import "server-only";

import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { bylineColumns } from "@/db/queries/public";
import { articleRevisions, articles, authorProfiles, previewLinks, sections, users } from "@/db/schema";

/** Public profiles (bylines with bios) of the given users, in the order given. */
export async function listAuthorProfiles({ db, userIds }: { db: Tx; userIds: string[] }) {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ userId: authorProfiles.userId, ...bylineColumns })
    .from(authorProfiles)
    .where(inArray(authorProfiles.userId, userIds));
  const byId = new Map(rows.map((r) => [r.userId, r]));
  return userIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { userId: _u, ...profile } = row;
    return [profile];
  });
}

export async function getSectionRef({ db, id }: { db: Tx; id: number | null }) {
  if (id === null) return null;
  const rows = await db.select({ name: sections.name, slug: sections.slug }).from(sections).where(eq(sections.id, id));
  return rows[0] ?? null;
}

/** The live revision's number, for the link from a preview to the diff against it. */
export async function getLiveRevisionNumber({ db, articleId }: { db: Tx; articleId: string }): Promise<number | null> {
  const rows = await db
    .select({ number: articleRevisions.number })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .where(eq(articles.id, articleId));
  return rows[0]?.number ?? null;
}

/** The newest revision's number and the working-copy version it was cut from. */
export async function getLatestRevisionRef({ db, articleId }: { db: Tx; articleId: string }) {
  const rows = await db
    .select({ number: articleRevisions.number, articleVersion: articleRevisions.articleVersion })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertPreviewLink({
  db,
  values,
}: {
  db: Tx;
  values: { articleId: string; tokenHash: string; revisionNumber: number | null; createdById: string; createdAt: Date; expiresAt: Date };
}) {
  const [row] = await db.insert(previewLinks).values(values).returning();
  return row;
}

/** An article's shared links, newest first, with their creator's name. */
export async function listPreviewLinks({ db, articleId }: { db: Tx; articleId: string }) {
  return db
    .select({
      id: previewLinks.id,
      revisionNumber: previewLinks.revisionNumber,
      createdAt: previewLinks.createdAt,
      expiresAt: previewLinks.expiresAt,
      revokedAt: previewLinks.revokedAt,
      lastOpenedAt: previewLinks.lastOpenedAt,
      openCount: previewLinks.openCount,
      createdByName: users.name,
    })
    .from(previewLinks)
    .leftJoin(users, eq(users.id, previewLinks.createdById))
    .where(eq(previewLinks.articleId, articleId))
    .orderBy(desc(previewLinks.createdAt), desc(previewLinks.id));
}

export async function getPreviewLinkByHash({ db, tokenHash }: { db: Tx; tokenHash: string }) {
  const rows = await db.select().from(previewLinks).where(eq(previewLinks.tokenHash, tokenHash));
  return rows[0];
}

export async function getPreviewLinkById({ db, id }: { db: Tx; id: number }) {
  const rows = await db.select().from(previewLinks).where(eq(previewLinks.id, id));
  return rows[0];
}

/** Revokes a link not yet revoked; false when there was none to revoke. */
export async function updatePreviewLinkRevoked({ db, id, revokedById, at }: { db: Tx; id: number; revokedById: string; at: Date }): Promise<boolean> {
  const rows = await db
    .update(previewLinks)
    .set({ revokedAt: at, revokedById })
    .where(and(eq(previewLinks.id, id), isNull(previewLinks.revokedAt)))
    .returning({ id: previewLinks.id });
  return rows.length > 0;
}

export async function updatePreviewLinkOpened({ db, id, at }: { db: Tx; id: number; at: Date }): Promise<void> {
  await db
    .update(previewLinks)
    .set({ lastOpenedAt: at, openCount: sql`${previewLinks.openCount} + 1` })
    .where(eq(previewLinks.id, id));
}
