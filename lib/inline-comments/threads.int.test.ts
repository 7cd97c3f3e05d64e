/**
 * Inline comments against a real database (PGlite by default, PostgreSQL with TEST_ENGINE=postgres):
 * the authorisation matrix (each role, own and others' articles, each state), bad input refused
 * with nothing stored, mentions notified in the app and queued as e-mail, detached threads after
 * a reset of the live document, and the XSS corpus stored as plain text.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";

import { collabDocuments, emailOutbox, inlineComments, notifications, users, type TiptapDoc } from "@/db/schema";
import { XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { writeBody } from "@/lib/collab/document";
import { docFromParagraphs } from "@/lib/rich-text/body";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleInState, articleRow, makeCast, type Cast } from "@/testing/workflow-fixtures";

import { anchorOf, pmOf, toBase64 } from "./anchor";
import { bodySchema } from "./random";
import { createInlineThread, listInlineThreads, replyInline, setInlineResolved } from "./threads";

let t: TestDb;
let cast: Cast;
const savedSmtp = process.env.SMTP_URL;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "inline-");
  process.env.SMTP_URL = "smtp://127.0.0.1:2525";
});
afterAll(async () => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
  await t?.drop();
});

/** The live document the collaboration server would have stored for the article. */
async function goLive(articleId: string, body?: TiptapDoc): Promise<Y.Doc> {
  const doc = new Y.Doc();
  writeBody(doc, body ?? ((await articleRow(t.db, articleId)).body as TiptapDoc));
  const state = Y.encodeStateAsUpdate(doc);
  await t.db.insert(collabDocuments).values({ articleId, state, bodyHash: "test" }).onConflictDoUpdate({ target: collabDocuments.articleId, set: { state } });
  return doc;
}

function anchorFor(doc: Y.Doc, phrase: string) {
  const view = pmOf(doc, bodySchema());
  let at = -1;
  view.node.descendants((n, pos) => {
    if (at < 0 && n.isText && n.text!.includes(phrase)) at = pos + n.text!.indexOf(phrase);
  });
  const a = anchorOf(view.fragment, view.mapping, { from: at, to: at + phrase.length });
  return { from: toBase64(a.from), to: toBase64(a.to) };
}

const count = async (articleId: string) => (await t.db.select().from(inlineComments).where(eq(inlineComments.articleId, articleId))).length;

describe(`inline comments (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("opens a thread with the quote read from the live document, replies, resolves and reopens", async () => {
    const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const doc = await goLive(id);
    const made = await createInlineThread(t.db, cast.editor, { articleId: id, ...anchorFor(doc, "Premier paragraphe"), body: "Source?" });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect((await replyInline(t.db, cast.claire, { threadId: made.id, body: "The ministry." })).ok).toBe(true);
    expect((await setInlineResolved(t.db, cast.claire, { threadId: made.id, resolved: true })).ok).toBe(true);
    let list = await listInlineThreads(t.db, cast.editor, id);
    expect(list.ok && list.threads).toMatchObject([
      {
        id: made.id,
        body: "Source?",
        quote: "Premier paragraphe",
        detached: false,
        resolvedByName: expect.stringContaining("Claire"),
        replies: [{ body: "The ministry." }],
      },
    ]);
    expect((await setInlineResolved(t.db, cast.editor, { threadId: made.id, resolved: false })).ok).toBe(true);
    list = await listInlineThreads(t.db, cast.editor, id);
    expect(list.ok && list.threads[0].resolvedAt).toBeNull();
    // The article itself never holds the comment.
    expect(JSON.stringify((await articleRow(t.db, id)).body)).not.toContain("Source?");
  });

  it("authorises like the discussion: each role, own and others' articles, each state", async () => {
    const states: ArticleStatus[] = ["draft", "in_review", "changes_requested", "approved", "scheduled", "published", "unpublished"];
    for (const status of states) {
      const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status });
      const doc = await goLive(id);
      const anchor = anchorFor(doc, "paragraphe");
      for (const [who, allowed] of [
        [cast.claire, true],
        [cast.editor, true],
        [cast.admin, true],
        [cast.yanis, false],
      ] as const) {
        const r = await createInlineThread(t.db, who, { articleId: id, ...anchor, body: `by ${who.id}` });
        expect(r.ok, `${status} create by ${who.role} ${who === cast.yanis ? "(not an author)" : ""}`).toBe(allowed);
        if (!r.ok) expect(r.code).toBe("forbidden:article");
        const listed = await listInlineThreads(t.db, who, id);
        expect(listed.ok, `${status} list by ${who.role}`).toBe(allowed);
      }
      const [thread] = await t.db.select().from(inlineComments).where(eq(inlineComments.articleId, id)).limit(1);
      expect((await replyInline(t.db, cast.yanis, { threadId: thread.id, body: "sneaky" })).ok).toBe(false);
      expect((await setInlineResolved(t.db, cast.yanis, { threadId: thread.id, resolved: true })).ok).toBe(false);
      const inactive = { ...cast.claire, active: false };
      expect((await replyInline(t.db, inactive, { threadId: thread.id, body: "late" })).ok).toBe(false);
      expect(await count(id)).toBe(3);
    }
  });

  it("refuses bad input at its field and stores nothing", async () => {
    const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const other = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const doc = await goLive(id);
    await goLive(other);
    const anchor = anchorFor(doc, "Premier");
    const cases = [
      [{ articleId: id, ...anchor, body: "   " }, "body"],
      [{ articleId: id, ...anchor, body: "\u0000" }, "body"],
      [{ articleId: id, ...anchor, body: "x".repeat(5001) }, "body"],
      // The anchor of another article's document (same words, other items).
      [{ articleId: other, ...anchor, body: "wrong article" }, "anchor"],
      [{ articleId: id, from: "AAAA", to: anchor.to, body: "forged" }, "anchor"],
      [{ articleId: id, from: "not base64!", to: anchor.to, body: "forged" }, "anchor"],
      [{ articleId: id, from: anchor.to, to: anchor.from, body: "reversed" }, "anchor"],
      [{ articleId: id, from: toBase64(new Uint8Array(40).fill(7)), to: anchor.to, body: "forged" }, "anchor"],
    ] as const;
    for (const [input, field] of cases) {
      const r = await createInlineThread(t.db, cast.claire, input);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) expect([r.code, r.field]).toEqual(["invalid", field]);
    }
    // No live document yet: nothing to anchor to.
    const cold = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const r = await createInlineThread(t.db, cast.claire, { articleId: cold, ...anchor, body: "cold" });
    expect(!r.ok && r.key).toBe("notLive");
    expect((await replyInline(t.db, cast.claire, { threadId: 987654, body: "ghost" })).ok).toBe(false);
    expect((await count(id)) + (await count(other)) + (await count(cold))).toBe(0);
  });

  it("notifies @mentioned newsroom users in the app and by e-mail, and nobody who may not view the article", async () => {
    const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const doc = await goLive(id);
    const [editor2] = await t.db.select().from(users).where(eq(users.id, cast.editor2.id));
    const [yanis] = await t.db.select().from(users).where(eq(users.id, cast.yanis.id));
    const made = await createInlineThread(t.db, cast.claire, { articleId: id, ...anchorFor(doc, "accents"), body: "Check this" });
    if (!made.ok) throw new Error("thread");
    const r = await replyInline(t.db, cast.editor, { threadId: made.id, body: `@${editor2.name} can you confirm? cc @${yanis.name}` });
    expect(r.ok).toBe(true);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.articleId, id), eq(notifications.type, "mention")));
    expect(told.map((n) => n.userId)).toEqual([cast.editor2.id]);
    expect(told[0].message).toContain("mentioned you");
    const mails = await t.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.articleId, id), eq(emailOutbox.to, cast.editor2.email)));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("can you confirm?");
    // Yanis is no author of this article: mentioned, but told nothing.
    const yanisMail = await t.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.articleId, id), eq(emailOutbox.to, cast.yanis.email)));
    expect(yanisMail).toHaveLength(0);
    // Claire, who opened the thread, hears of the reply.
    const replyNote = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.articleId, id), eq(notifications.userId, cast.claire.id)));
    expect(replyNote.map((n) => n.type)).toContain("comment");
  });

  it("keeps threads when the live document is reset, marked detached", async () => {
    const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const doc = await goLive(id);
    const made = await createInlineThread(t.db, cast.claire, { articleId: id, ...anchorFor(doc, "guillemets"), body: "Keep?" });
    expect(made.ok).toBe(true);
    await goLive(id, docFromParagraphs(["A restored version, rebuilt from scratch."]));
    const list = await listInlineThreads(t.db, cast.claire, id);
    expect(list.ok && list.threads).toMatchObject([{ body: "Keep?", quote: "guillemets", detached: true }]);
  });

  it("stores the XSS corpus as plain text in bodies and mentions", async () => {
    const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const doc = await goLive(id);
    const made = await createInlineThread(t.db, cast.claire, { articleId: id, ...anchorFor(doc, "Premier"), body: XSS_PAYLOADS.slice(0, 20).join("\n") });
    if (!made.ok) throw new Error("thread");
    for (const p of XSS_PAYLOADS) {
      const r = await replyInline(t.db, cast.editor, { threadId: made.id, body: `@${p} ${p}` });
      expect(r.ok || (!r.ok && r.code === "invalid")).toBe(true);
    }
    const list = await listInlineThreads(t.db, cast.claire, id);
    if (!list.ok) throw new Error("list");
    // Stored exactly as typed (trimmed), to be rendered as text by React, never as HTML.
    const bodies = new Set(list.threads[0].replies.map((r) => r.body));
    expect(bodies.has(`@${XSS_PAYLOADS[0]} ${XSS_PAYLOADS[0]}`.trim())).toBe(true);
  });
});
