import "server-only";

import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import * as Y from "yjs";

import { articleExtensions } from "@/components/editor/extensions";
import type { Db, Tx } from "@/db";
import { getCollabSource } from "@/db/queries/collab";
import {
  getInlineThread,
  insertInlineComment,
  listInlineComments,
  listInlineThreadParticipants,
  listMentionableUsers,
  setInlineThreadResolved,
} from "@/db/queries/inline-comments";
import { getUserById } from "@/db/queries/users";
import { loadArticle } from "@/lib/articles/access";
import { appLink } from "@/lib/mail/config";
import { notifyUsers } from "@/lib/notifications/store";
import { canInlineComment, type InlineCommentAction, type PolicyUser } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";

import { fromBase64, pmOf, quoteOf, resolveAnchor, toBase64, type Anchor } from "./anchor";
import { findMentions } from "./mentions";

export const MAX_INLINE_COMMENT = 5_000;

/** A refusal: `key` is the message in the `comments` catalogue (or the policy's reason), `field` where it goes. */
export type InlineRefusal = { ok: false; code: string; key: string | null; reason?: string; field?: "body" | "anchor"; values?: { max: number } };
export type InlineOutcome = { ok: true; id: number } | InlineRefusal;

const refuse = (code: string, key: string, field?: "body" | "anchor", values?: { max: number }): InlineRefusal => ({ ok: false, code, key, field, values });

let cached: Schema | null = null;
const schema = () => (cached ??= getSchema(articleExtensions()));

function cleanBody(raw: string): { ok: true; body: string } | InlineRefusal {
  const body = withoutNul(typeof raw === "string" ? raw : "").trim();
  if (!body) return refuse("invalid", "empty", "body");
  if (body.length > MAX_INLINE_COMMENT) return refuse("invalid", "tooLong", "body", { max: MAX_INLINE_COMMENT });
  return { ok: true, body };
}

async function authorise(db: Tx, actor: PolicyUser, articleId: string, action: InlineCommentAction) {
  const loaded = await loadArticle({ db, id: articleId });
  if (!loaded) return { ok: false as const, refusal: refuse("not_found", "notFound") };
  const may = canInlineComment(actor, action, loaded.policy);
  if (!may.ok) return { ok: false as const, refusal: { ok: false as const, code: may.code, key: null, reason: may.reason } };
  return { ok: true as const, loaded };
}

/** The article's live document as stored by the collaboration server, or null when it has none. */
async function liveDocument(db: Tx, articleId: string): Promise<Y.Doc | null> {
  const src = await getCollabSource({ db, articleId });
  if (!src?.state) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, src.state);
  return doc;
}

const excerptOf = (body: string) => (body.length > 140 ? `${body.slice(0, 139)}…` : body);

async function notifyAbout(
  tx: Tx,
  input: { actor: PolicyUser; articleId: string; headline: string; body: string; participants: string[]; quote: string | null; isReply: boolean },
) {
  const me = await getUserById({ db: tx, id: input.actor.id });
  // Stored as a catalogue key and its arguments: each reader sees it in their language (lib/notifications/messages.ts).
  const params = { actor: me?.name ?? null, title: input.headline || null, excerpt: excerptOf(input.body) };
  const link = appLink(`/newsroom/articles/${input.articleId}`);
  const mentioned = findMentions(input.body, await listMentionableUsers({ db: tx }));
  // notifyUsers keeps only those who may view the article, and never the actor.
  await notifyUsers(tx, {
    userIds: mentioned,
    actorId: input.actor.id,
    articleId: input.articleId,
    type: "mention",
    message: { key: "inline_mention", params },
    link,
  });
  const others = input.participants.filter((id) => !mentioned.includes(id));
  const message = input.isReply
    ? ({ key: "inline_reply", params } as const)
    : ({ key: "inline_thread", params: { ...params, quote: excerptOf(input.quote ?? "") } } as const);
  await notifyUsers(tx, { userIds: others, actorId: input.actor.id, articleId: input.articleId, type: "comment", message, link });
}

/**
 * Opens a thread on a range of the live body. The anchor must resolve, non-empty, in the article's
 * live document as the collaboration server stored it (the editor flushes first): an anchor from
 * another article, a forged one or one whose text is gone is refused and nothing is stored. The
 * quote is read from that document, never taken from the client.
 */
export async function createInlineThread(
  db: Db,
  actor: PolicyUser,
  input: { articleId: string; from: string; to: string; body: string },
): Promise<InlineOutcome> {
  const body = cleanBody(input.body);
  if (!body.ok) return body;
  const from = fromBase64(input.from);
  const to = fromBase64(input.to);
  return db.transaction(async (tx) => {
    const may = await authorise(tx, actor, input.articleId, "write");
    if (!may.ok) return may.refusal;
    if (!from || !to) return refuse("invalid", "anchorGone", "anchor");
    const doc = await liveDocument(tx, input.articleId);
    if (!doc) return refuse("invalid", "notLive", "anchor");
    const anchor: Anchor = { from, to };
    const view = pmOf(doc, schema());
    const range = resolveAnchor(doc, view.fragment, view.mapping, anchor);
    if (!range) return refuse("invalid", "anchorGone", "anchor");
    const quote = quoteOf(view.node, range);
    const row = await insertInlineComment({
      db: tx,
      row: { articleId: input.articleId, authorId: actor.id, body: body.body, quote, anchorFrom: from, anchorTo: to },
    });
    await notifyAbout(tx, {
      actor,
      articleId: input.articleId,
      headline: may.loaded.article.headline,
      body: body.body,
      participants: may.loaded.authorIds,
      quote,
      isReply: false,
    });
    return { ok: true, id: row.id };
  });
}

/** A reply in a thread: the thread's people hear of it, the @mentioned too. */
export async function replyInline(db: Db, actor: PolicyUser, input: { threadId: number; body: string }): Promise<InlineOutcome> {
  const body = cleanBody(input.body);
  if (!body.ok) return body;
  return db.transaction(async (tx) => {
    const thread = await getInlineThread({ db: tx, id: input.threadId });
    if (!thread) return refuse("not_found", "notFound");
    const may = await authorise(tx, actor, thread.articleId, "write");
    if (!may.ok) return may.refusal;
    const participants = await listInlineThreadParticipants({ db: tx, threadId: thread.id });
    const row = await insertInlineComment({ db: tx, row: { articleId: thread.articleId, authorId: actor.id, body: body.body, parentId: thread.id } });
    await notifyAbout(tx, {
      actor,
      articleId: thread.articleId,
      headline: may.loaded.article.headline,
      body: body.body,
      participants,
      quote: thread.quote,
      isReply: true,
    });
    return { ok: true, id: row.id };
  });
}

/** Resolve (or reopen) a thread. */
export async function setInlineResolved(db: Db, actor: PolicyUser, input: { threadId: number; resolved: boolean }): Promise<InlineOutcome> {
  return db.transaction(async (tx) => {
    const thread = await getInlineThread({ db: tx, id: input.threadId });
    if (!thread) return refuse("not_found", "notFound");
    const may = await authorise(tx, actor, thread.articleId, "write");
    if (!may.ok) return may.refusal;
    await setInlineThreadResolved({ db: tx, id: thread.id, resolvedById: input.resolved ? actor.id : null });
    return { ok: true, id: thread.id };
  });
}

export type InlineReply = { id: number; body: string; authorName: string | null; createdAt: string };
export type InlineThread = {
  id: number;
  body: string;
  quote: string;
  authorName: string | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  /** Encoded relative positions (base64): the editor resolves them in its own document. */
  from: string | null;
  to: string | null;
  /** The anchor does not resolve in the stored live document (its text is gone, or the document was rebuilt). */
  detached: boolean;
  replies: InlineReply[];
};

/** An article's threads with their replies, for someone who may view it. */
export async function listInlineThreads(db: Db, actor: PolicyUser, articleId: string): Promise<{ ok: true; threads: InlineThread[] } | InlineRefusal> {
  const may = await authorise(db, actor, articleId, "read");
  if (!may.ok) return may.refusal;
  return { ok: true, threads: await readThreads(db, articleId) };
}

/** The threads, without an authorisation check: for pages that have made it already. */
export async function readThreads(db: Tx, articleId: string): Promise<InlineThread[]> {
  const rows = await listInlineComments({ db, articleId });
  const doc = rows.length ? await liveDocument(db, articleId) : null;
  const view = doc ? pmOf(doc, schema()) : null;
  const threads = new Map<number, InlineThread>();
  for (const r of rows) {
    if (r.parentId !== null) continue;
    const anchor = r.anchorFrom && r.anchorTo ? { from: r.anchorFrom, to: r.anchorTo } : null;
    const detached = !anchor || !doc || !view || resolveAnchor(doc, view.fragment, view.mapping, anchor) === null;
    threads.set(r.id, {
      id: r.id,
      body: r.body,
      quote: r.quote ?? "",
      authorName: r.authorName,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolvedByName: r.resolvedByName,
      from: anchor ? toBase64(anchor.from) : null,
      to: anchor ? toBase64(anchor.to) : null,
      detached,
      replies: [],
    });
  }
  for (const r of rows) {
    if (r.parentId === null) continue;
    threads.get(r.parentId)?.replies.push({ id: r.id, body: r.body, authorName: r.authorName, createdAt: r.createdAt.toISOString() });
  }
  return [...threads.values()];
}
