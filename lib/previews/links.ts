import "server-only";

import type { ArticleViewModel } from "@/components/public/article-view";
import type { Db, Tx } from "@/db";
import { insertEvent } from "@/db/queries/events";
import {
  getLatestRevisionRef,
  getPreviewLinkByHash,
  getPreviewLinkById,
  insertPreviewLink,
  listPreviewLinks,
  updatePreviewLinkOpened,
  updatePreviewLinkRevoked,
} from "@/db/queries/previews";
import { getRevision } from "@/db/queries/revisions";
import type { Article } from "@/db/schema";
import { loadArticle } from "@/lib/articles/access";
import { cutRevision } from "@/lib/articles/store";
import { beginPreviewAttempt, markSuccess } from "@/lib/auth/rate-limit";
import { now as clockNow } from "@/lib/clock";
import { canSharePreview, type PolicyUser } from "@/lib/permissions";

import { revisionView, workingCopyView } from "./model";
import { hashPreviewToken, isLinkOpen, isWellFormedToken, newPreviewToken, previewExpiry } from "./tokens";

export type Refusal = { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

export type CreatedLink = { ok: true; token: string; id: number; expiresAt: Date; revisionNumber: number | null };

/**
 * Creates a shared preview link. `pinned`: this version (a revision is cut when none holds the
 * current working copy yet), otherwise whatever the working copy is when the link is opened.
 */
export async function createPreviewLink(
  db: Db,
  user: PolicyUser | null,
  input: { articleId: string; hours: number; pinned: boolean; now?: Date },
): Promise<CreatedLink | Refusal> {
  const now = input.now ?? clockNow();
  const expiresAt = previewExpiry(input.hours, now);
  if (!expiresAt) {
    const message = "Choose an expiry between 1 hour and 7 days.";
    return { ok: false, code: "invalid", message, fieldErrors: { hours: [message] } };
  }
  return db.transaction(async (tx) => {
    const loaded = await loadArticle({ db: tx, id: input.articleId });
    if (!loaded) return { ok: false as const, code: "not_found", message: "This article does not exist." };
    const may = canSharePreview(user, loaded.policy);
    if (!may.ok || !user) return { ok: false as const, code: may.ok ? "unauthenticated" : may.code, message: may.ok ? "Sign in to continue." : may.reason };
    let revisionNumber: number | null = null;
    if (input.pinned) {
      const latest = await getLatestRevisionRef({ db: tx, articleId: loaded.article.id });
      revisionNumber =
        latest && latest.articleVersion === loaded.article.version
          ? latest.number
          : (await cutRevision(tx, loaded.article.id, { reason: "shared_preview", actorId: user.id })).number;
    }
    const token = newPreviewToken();
    const row = await insertPreviewLink({
      db: tx,
      values: { articleId: loaded.article.id, tokenHash: hashPreviewToken(token), revisionNumber, createdById: user.id, createdAt: now, expiresAt },
    });
    await insertEvent({
      db: tx,
      event: {
        type: "article.preview_shared",
        actorId: user.id,
        articleId: loaded.article.id,
        data: { linkId: row.id, expiresAt: expiresAt.toISOString(), revisionNumber },
      },
    });
    return { ok: true as const, token, id: row.id, expiresAt, revisionNumber };
  });
}

export async function revokePreviewLink(
  db: Db,
  user: PolicyUser | null,
  input: { articleId: string; linkId: number; now?: Date },
): Promise<{ ok: true } | Refusal> {
  const now = input.now ?? clockNow();
  return db.transaction(async (tx) => {
    const loaded = await loadArticle({ db: tx, id: input.articleId });
    const link = await getPreviewLinkById({ db: tx, id: input.linkId });
    if (!loaded || !link || link.articleId !== loaded.article.id) return { ok: false as const, code: "not_found", message: "This link does not exist." };
    const may = canSharePreview(user, loaded.policy);
    if (!may.ok || !user) return { ok: false as const, code: may.ok ? "unauthenticated" : may.code, message: may.ok ? "Sign in to continue." : may.reason };
    if (!(await updatePreviewLinkRevoked({ db: tx, id: link.id, revokedById: user.id, at: now }))) return { ok: true as const };
    await insertEvent({ db: tx, event: { type: "article.preview_revoked", actorId: user.id, articleId: loaded.article.id, data: { linkId: link.id } } });
    return { ok: true as const };
  });
}

export async function listArticlePreviewLinks({ db, articleId }: { db: Tx; articleId: string }) {
  return listPreviewLinks({ db, articleId });
}

export type SharedPreview = { article: Article; view: ArticleViewModel; revisionNumber: number | null; expiresAt: Date };

/**
 * What a shared link shows, or null for every kind of refusal alike (malformed, unknown,
 * expired, revoked, rate-limited, article gone): the page answers all of them with the same 404,
 * after the same work (the attempt is registered and a hash looked up whatever the token).
 */
export async function openSharedPreview(db: Db, input: { token: string; ip: string; now?: Date }): Promise<SharedPreview | null> {
  const now = input.now ?? clockNow();
  const gate = await beginPreviewAttempt(db, { ip: input.ip, now });
  const hash = hashPreviewToken(isWellFormedToken(input.token) ? input.token : `malformed:${input.token.slice(0, 100)}`);
  const link = await getPreviewLinkByHash({ db, tokenHash: hash });
  if (!gate.ok || !link || !isWellFormedToken(input.token) || !isLinkOpen(link, now)) return null;
  const loaded = await loadArticle({ db, id: link.articleId });
  if (!loaded) return null;
  const { article } = loaded;
  const revision = link.revisionNumber === null ? null : await getRevision({ db, articleId: article.id, number: link.revisionNumber });
  if (link.revisionNumber !== null && !revision) return null;
  const view = revision ? await revisionView({ db, article, revision }) : await workingCopyView({ db, article });
  await db.transaction(async (tx) => {
    await updatePreviewLinkOpened({ db: tx, id: link.id, at: now });
    // Who opened it is unknown by design (no account); the event says which link and when.
    await insertEvent({ db: tx, event: { type: "article.preview_opened", articleId: article.id, data: { linkId: link.id } } });
  });
  await markSuccess(db, gate.attemptId, now);
  return { article, view, revisionNumber: revision?.number ?? null, expiresAt: link.expiresAt };
}
