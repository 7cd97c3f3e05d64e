import "server-only";

import { diffWordsWithSpace } from "diff";

import type { Tx } from "@/db";
import { getArticleById, updateWorkingCopy } from "@/db/queries/articles";
import { insertEvent } from "@/db/queries/events";
import { getLatestRevisedVersion, getRevision, getRevisionById, listRevisionsByReason } from "@/db/queries/revisions";
import type { Article, ArticleRevision, SeoFields } from "@/db/schema";
import { denied } from "@/lib/actions/result";
import type { PolicyUser } from "@/lib/permissions";
import { bodyText } from "@/lib/rich-text/body";
import { withoutNul } from "@/lib/security/text";
import { seoText } from "@/lib/seo/article-seo";

import { loadArticleForUser, type ArticleRefusal } from "./access";
import { addContributors, cutRevision, setArticleTags } from "./store";

type Fail = { ok: false; code: string; message: string };

/** Human labels for revision reasons; workflow reasons not listed here are shown as written. */
export const REASON_LABELS: Record<string, string> = {
  save_version: "Saved version",
  shared_preview: "Shared as a preview",
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

const refusal = (r: ArticleRefusal): Fail => (r.code === "not_found" ? { ok: false, code: "not_found", message: "This article no longer exists." } : denied(r));

/** "Save version": an immutable snapshot of the working copy, with an optional note saying why. */
export async function saveVersion(
  db: Tx,
  actor: PolicyUser,
  input: { articleId: string; note?: string | null },
): Promise<{ ok: true; revision: { id: number; number: number } } | Fail> {
  const loaded = await loadArticleForUser({ db, id: input.articleId, user: actor, action: "save_version" });
  if (!loaded.ok) return refusal(loaded);
  const note =
    withoutNul(input.note ?? "")
      .trim()
      .slice(0, 500) || null;
  const revision = await db.transaction(async (tx) => {
    const rev = await cutRevision(tx, input.articleId, { reason: "save_version", actorId: actor.id, note });
    await insertEvent({
      db: tx,
      event: { type: "revision.saved", actorId: actor.id, articleId: input.articleId, data: { number: rev.number }, comment: note },
    });
    return rev;
  });
  return { ok: true, revision: { id: revision.id, number: revision.number } };
}

/**
 * The words a reader would compare: headline, dek, key points, tags and body as text, then the
 * search and social fields (what search results and shared links will say is reviewed too).
 */
export function revisionText(rev: Pick<ArticleRevision, "headline" | "dek" | "highlights" | "tags" | "body"> & { seo?: SeoFields | null }): string {
  const parts = [rev.headline, rev.dek];
  if (rev.highlights.length) parts.push(rev.highlights.map((h) => `• ${h}`).join("\n"));
  if (rev.tags.length) parts.push(rev.tags.map((t) => `#${t.name}`).join(" "));
  parts.push(bodyText(rev.body));
  parts.push(seoText(rev.seo));
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
 * What the reviewer compares the working copy with: in review, the previous submission; for an
 * update after publication, the live version. Undefined when there is nothing to compare.
 */
export async function reviewBaseline(db: Tx, article: Article): Promise<{ since: "submission" | "live"; base: ArticleRevision } | undefined> {
  if (article.status === "in_review") {
    const submissions = await listRevisionsByReason({ db, articleId: article.id, reason: "submit", limit: 2 });
    return submissions[1] && { since: "submission" as const, base: submissions[1] };
  }
  if (article.status === "published" && article.hasUnpublishedChanges && article.publishedRevisionId) {
    const live = await getRevisionById({ db, id: article.publishedRevisionId });
    return live && { since: "live" as const, base: live };
  }
  return undefined;
}

/**
 * Makes a revision the working copy again. The current working copy is first kept as a revision
 * (unless it is already one), so restoring never loses text; the version bump makes any open
 * editor see a conflict instead of overwriting the restored text.
 */
export async function restoreRevision(db: Tx, actor: PolicyUser, input: { articleId: string; number: number }): Promise<{ ok: true; version: number } | Fail> {
  const loaded = await loadArticleForUser({ db, id: input.articleId, user: actor, action: "restore_revision" });
  if (!loaded.ok) return refusal(loaded);
  const rev = await getRevision({ db, articleId: input.articleId, number: input.number });
  if (!rev) return { ok: false, code: "not_found", message: "This revision does not exist." };

  return db.transaction(async (tx) => {
    const latest = await getLatestRevisedVersion({ db: tx, articleId: input.articleId });
    const current = (await getArticleById({ db: tx, id: input.articleId }))!;
    if (latest !== current.version) {
      await cutRevision(tx, input.articleId, { reason: "before_restore", actorId: actor.id, note: `Before restoring revision ${rev.number}` });
    }
    const row = (await updateWorkingCopy({
      db: tx,
      id: input.articleId,
      set: {
        headline: rev.headline,
        dek: rev.dek,
        highlights: rev.highlights,
        body: rev.body,
        sectionId: rev.sectionId,
        language: rev.language,
        featuredImage: rev.featuredImage,
        seo: rev.seo,
        updatedAt: new Date(),
        updatedById: actor.id,
        ...(current.status === "published" ? { hasUnpublishedChanges: true } : {}),
      },
    }))!;
    await setArticleTags(
      tx,
      input.articleId,
      rev.tags.map((t) => t.name),
    );
    // Restoring edits the working copy: the two-person rule counts the restorer.
    await addContributors(tx, input.articleId, [actor.id]);
    await insertEvent({
      db: tx,
      event: { type: "revision.restored", actorId: actor.id, articleId: input.articleId, data: { number: rev.number, version: row.version } },
    });
    return { ok: true as const, version: row.version };
  });
}
