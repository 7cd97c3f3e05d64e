import "server-only";

import { and, eq, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articles, importSources, legacyRedirects, sections } from "@/db/schema";

import { publishedOnly } from "./public";

export type ImportSourceKey = { source: (typeof importSources.$inferInsert)["source"]; kind: (typeof importSources.$inferInsert)["kind"]; externalId: string };

export async function getImportSource({ db, key }: { db: Tx; key: ImportSourceKey }) {
  const rows = await db
    .select({ targetId: importSources.targetId, contentHash: importSources.contentHash })
    .from(importSources)
    .where(and(eq(importSources.source, key.source), eq(importSources.kind, key.kind), eq(importSources.externalId, key.externalId)))
    .limit(1);
  return rows[0];
}

export async function upsertImportSource({
  db,
  key,
  targetId,
  contentHash,
}: {
  db: Tx;
  key: ImportSourceKey;
  targetId: string;
  contentHash: string;
}): Promise<void> {
  await db
    .insert(importSources)
    .values({ ...key, targetId, contentHash })
    .onConflictDoUpdate({
      target: [importSources.source, importSources.kind, importSources.externalId],
      set: { targetId, contentHash, updatedAt: new Date() },
    });
}

export async function articleExists({ db, id }: { db: Tx; id: string }): Promise<boolean> {
  const rows = await db.select({ id: articles.id }).from(articles).where(eq(articles.id, id)).limit(1);
  return rows.length > 0;
}

export async function getSectionBySlug({ db, slug }: { db: Tx; slug: string }) {
  const rows = await db.select().from(sections).where(eq(sections.slug, slug)).limit(1);
  return rows[0];
}

export async function nextSectionPosition({ db }: { db: Tx }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${sections.position}) + 1, 0)::int` }).from(sections);
  return Number(row?.n ?? 0);
}

export async function insertImportedSection({ db, name, slug, position }: { db: Tx; name: string; slug: string; position: number }) {
  const [row] = await db.insert(sections).values({ name, slug, position }).returning();
  return row;
}

/** A redirect from an address of the old site; the first import of an address wins, later runs refresh its target. */
export async function upsertLegacyRedirect({
  db,
  path,
  articleId = null,
  target = null,
}: {
  db: Tx;
  path: string;
  articleId?: string | null;
  target?: string | null;
}) {
  await db.insert(legacyRedirects).values({ path, articleId, target }).onConflictDoUpdate({ target: legacyRedirects.path, set: { articleId, target } });
}

/** Where an old address goes now: the article's current public address, or a stored path. */
export async function findLegacyRedirect({ db, path }: { db: Tx; path: string }): Promise<string | null> {
  const rows = await db
    .select({ target: legacyRedirects.target, articleId: legacyRedirects.articleId })
    .from(legacyRedirects)
    .where(eq(legacyRedirects.path, path))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (!row.articleId) return row.target;
  const live = await db
    .select({ slug: articles.slug })
    .from(articles)
    .where(publishedOnly(eq(articles.id, row.articleId)))
    .limit(1);
  return live[0] ? `/articles/${live[0].slug}` : null;
}
