import "server-only";

import { diffWordsWithSpace } from "diff";
import { and, desc, eq, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleRevisions, articles, users, type ArticleRevision } from "@/db/schema";
import { denied } from "@/lib/actions/result";
import { canArticle, type PolicyUser } from "@/lib/permissions";
import { bodyText } from "@/lib/rich-text/body";
import { withoutNul } from "@/lib/security/text";

import { recordEvent } from "./events";
import { addContributors, cutRevision, getAuthorIds, setArticleTags } from "./store";

type Fail = { ok: false; code: string; message: string };

/** Human labels for revision reasons; workflow reasons not listed here are shown as written. */
export const REASON_LABELS: Record<string, string> = {
  save_version: "Saved version",
  before_restore: "Working copy before a restore",
  restore: "Restored",
  submit: "Submitted for review",
  withdraw: "Withdrawn",
  request_changes: "Changes requested",
  approve: "Approved",
  publish: "Published",
  schedule: "Scheduled",
  unschedule: "Unscheduled",
  unpublish: "Unpublished",
  publish_scheduled: "Published (scheduled)",
};

async function loadForPolicy(db: Tx, articleId: string) {
  const [article] = await db.select({ id: articles.id, status: articles.status, version: articles.version }).from(articles).where(eq(articles.id, articleId));
  if (!article) return null;
  return { ...article, authorIds: await getAuthorIds(db, articleId) };
}

/** "Save version": an immutable snapshot of the working copy, with an optional note saying why. */
export async function saveVersion(
  db: Tx,
  actor: PolicyUser,
  input: { articleId: string; note?: string | null },
): Promise<{ ok: true; revision: { id: number; number: number } } | Fail> {
  const article = await loadForPolicy(db, input.articleId);
  if (!article) return { ok: false, code: "not_found", message: "This article no longer exists." };
  const may = canArticle(actor, "save_version", article);
  if (!may.ok) return denied(may);
  const note =
    withoutNul(input.note ?? "")
      .trim()
      .slice(0, 500) || null;
  const revision = await db.transaction(async (tx) => {
    const rev = await cutRevision(tx, input.articleId, { reason: "save_version", actorId: actor.id, note });
    await recordEvent(tx, { type: "revision.saved", actorId: actor.id, articleId: input.articleId, data: { number: rev.number }, comment: note });
    return rev;
  });
  return { ok: true, revision: { id: revision.id, number: revision.number } };
}

export type RevisionListItem = {
  id: number;
  number: number;
  reason: string;
  note: string | null;
  articleVersion: number;
  createdAt: Date;
  createdByName: string | null;
};

export async function listRevisions(db: Tx, articleId: string): Promise<RevisionListItem[]> {
  return db
    .select({
      id: articleRevisions.id,
      number: articleRevisions.number,
      reason: articleRevisions.reason,
      note: articleRevisions.note,
      articleVersion: articleRevisions.articleVersion,
      createdAt: articleRevisions.createdAt,
      createdByName: users.name,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdById))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number));
}

export async function getRevision(db: Tx, articleId: string, number: number): Promise<ArticleRevision | undefined> {
  const rows = await db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)));
  return rows[0];
}

/** The words a reader would compare: headline, dek, key points, tags and body as text. */
export function revisionText(rev: Pick<ArticleRevision, "headline" | "dek" | "highlights" | "tags" | "body">): string {
  const parts = [rev.headline, rev.dek];
  if (rev.highlights.length) parts.push(rev.highlights.map((h) => `• ${h}`).join("\n"));
  if (rev.tags.length) parts.push(rev.tags.map((t) => `#${t.name}`).join(" "));
  parts.push(bodyText(rev.body));
  return parts.filter(Boolean).join("\n\n");
}

export type DiffPart = { kind: "same" | "ins" | "del"; text: string };

/** Word-level comparison (jsdiff), spaces kept so the text reads as written. */
export function diffRevisions(older: string, newer: string): DiffPart[] {
  return diffWordsWithSpace(older, newer).map((c) => ({
    kind: c.added ? "ins" : c.removed ? "del" : "same",
    text: c.value,
  }));
}

/**
 * Makes a revision the working copy again. The current working copy is first kept as a revision
 * (unless it is already one), so restoring never loses text; the version bump makes any open
 * editor see a conflict instead of overwriting the restored text.
 */
export async function restoreRevision(db: Tx, actor: PolicyUser, input: { articleId: string; number: number }): Promise<{ ok: true; version: number } | Fail> {
  const article = await loadForPolicy(db, input.articleId);
  if (!article) return { ok: false, code: "not_found", message: "This article no longer exists." };
  const may = canArticle(actor, "restore_revision", article);
  if (!may.ok) return denied(may);
  const rev = await getRevision(db, input.articleId, input.number);
  if (!rev) return { ok: false, code: "not_found", message: "This revision does not exist." };

  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ v: sql<number>`max(${articleRevisions.articleVersion})` })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, input.articleId));
    const [current] = await tx.select({ version: articles.version, status: articles.status }).from(articles).where(eq(articles.id, input.articleId));
    if (Number(latest?.v ?? 0) !== current.version) {
      await cutRevision(tx, input.articleId, { reason: "before_restore", actorId: actor.id, note: `Before restoring revision ${rev.number}` });
    }
    const [row] = await tx
      .update(articles)
      .set({
        headline: rev.headline,
        dek: rev.dek,
        highlights: rev.highlights,
        body: rev.body,
        sectionId: rev.sectionId,
        language: rev.language,
        featuredImage: rev.featuredImage,
        version: sql`${articles.version} + 1`,
        updatedAt: new Date(),
        updatedById: actor.id,
        ...(current.status === "published" ? { hasUnpublishedChanges: true } : {}),
      })
      .where(eq(articles.id, input.articleId))
      .returning({ version: articles.version });
    await setArticleTags(
      tx,
      input.articleId,
      rev.tags.map((t) => t.name),
    );
    // Restoring edits the working copy: the two-person rule counts the restorer.
    await addContributors(tx, input.articleId, [actor.id]);
    await recordEvent(tx, { type: "revision.restored", actorId: actor.id, articleId: input.articleId, data: { number: rev.number, version: row.version } });
    return { ok: true as const, version: row.version };
  });
}
