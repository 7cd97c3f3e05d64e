import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getCorrections, getPublishedArticleBySlug } from "@/db/queries/public";
import { articles, comments, events, notifications } from "@/db/schema";
import { setSetting } from "@/lib/settings";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, countRows, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { applyTransition, runTransition, type TransitionRequest, type WorkflowActor } from "./transitions";

let t: TestDb;
let cast: Cast;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => t?.drop());

const run = (actor: WorkflowActor, req: TransitionRequest) => runTransition(t.db, actor, req, { revalidate: noRevalidate });

async function snapshot(id: string) {
  return {
    article: await articleRow(t.db, id),
    events: await countRows(t.db, "events", id),
    revisions: await countRows(t.db, "article_revisions", id),
    comments: await countRows(t.db, "comments", id),
    notifications: await countRows(t.db, "notifications", id),
  };
}

describe(`workflow transitions (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("runs the review loop: submit, request changes with a comment, resubmit, approve, publish", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    expect(await run(cast.claire, { articleId: a.id, action: "submit", version: a.version })).toMatchObject({ ok: true, status: "in_review" });
    // Editors (and admins) hear of the submission, the author does not.
    const submitted = await t.db.select().from(notifications).where(eq(notifications.articleId, a.id));
    expect(submitted.map((n) => n.userId).sort()).toEqual([cast.editor.id, cast.editor2.id, cast.admin.id].sort());

    const noComment = await run(cast.editor, { articleId: a.id, action: "request_changes", comment: "  " });
    expect(noComment).toMatchObject({ ok: false, code: "needs_comment" });
    const asked = await run(cast.editor, { articleId: a.id, action: "request_changes", comment: "Sourcez le chiffre, s’il vous plaît." });
    expect(asked).toMatchObject({ ok: true, status: "changes_requested" });
    const [c] = await t.db.select().from(comments).where(eq(comments.articleId, a.id));
    expect(c).toMatchObject({ kind: "request_changes", body: "Sourcez le chiffre, s’il vous plaît.", authorId: cast.editor.id });
    const toClaire = await t.db.select().from(notifications).where(eq(notifications.userId, cast.claire.id));
    expect(toClaire.map((n) => n.type)).toEqual(["changes_requested"]);

    expect(await run(cast.claire, { articleId: a.id, action: "submit" })).toMatchObject({ ok: true, status: "in_review" });
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: true, status: "approved" });
    expect(await run(cast.editor, { articleId: a.id, action: "publish" })).toMatchObject({ ok: true, status: "published" });
    const live = await getPublishedArticleBySlug({ db: t.db, slug: a.slug });
    expect(live?.revision.headline).toBe(a.headline);
    const timeline = await t.db.select().from(events).where(eq(events.articleId, a.id)).orderBy(events.id);
    expect(timeline.map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual([
      "null→draft",
      "draft→in_review",
      "in_review→changes_requested",
      "changes_requested→in_review",
      "in_review→approved",
      "approved→published",
    ]);
    expect(timeline[2]).toMatchObject({ actorId: cast.editor.id, comment: "Sourcez le chiffre, s’il vous plaît." });
    expect(await countRows(t.db, "article_revisions", a.id)).toBe(5);
  });

  it("refuses a journalist's publish, approve and request changes with no change at all", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    const before = await snapshot(a.id);
    for (const action of ["publish", "approve", "request_changes", "unpublish"] as const) {
      const r = await run(cast.claire, { articleId: a.id, action, comment: "moi" });
      expect(r.ok).toBe(false);
    }
    // Not an author at all: refused even for the author's own actions.
    expect(await run(cast.yanis, { articleId: a.id, action: "withdraw" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(a.id)).toEqual(before);
    expect(await run(cast.claire, { articleId: a.id, action: "withdraw" })).toMatchObject({ ok: true, status: "draft" });
  });

  it("refuses to submit without a headline and a body", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await t.db.update(articles).set({ headline: "   " }).where(eq(articles.id, a.id));
    expect(await run(cast.claire, { articleId: a.id, action: "submit" })).toMatchObject({ ok: false, code: "needs_content" });
    expect((await articleRow(t.db, a.id)).status).toBe("draft");
  });

  it("applies the two-person rule from site settings", async () => {
    const a = await makeArticle(t.db, cast.claire.id, "Co-signé", [cast.editor.id]);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: false, code: "two_person_rule" });
    expect(await run(cast.editor, { articleId: a.id, action: "publish" })).toMatchObject({ ok: false, code: "two_person_rule" });
    await setSetting(t.db, "twoPersonRule", false);
    try {
      expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: true });
    } finally {
      await setSetting(t.db, "twoPersonRule", true);
    }
  });

  it("refuses a transition from a stale version", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    await t.db
      .update(articles)
      .set({ version: a.version + 1 })
      .where(eq(articles.id, a.id));
    expect(await run(cast.editor, { articleId: a.id, action: "approve", version: a.version })).toMatchObject({ ok: false, code: "conflict" });
    expect((await articleRow(t.db, a.id)).status).toBe("in_review");
  });

  it("lets two editors press Publish at once: one publication, one clear refusal", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    await run(cast.editor, { articleId: a.id, action: "approve" });
    const results = await Promise.all([
      run(cast.editor, { articleId: a.id, action: "publish", version: a.version }),
      run(cast.editor2, { articleId: a.id, action: "publish", version: a.version }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, message: "This article is already published." });
    expect((await articleRow(t.db, a.id)).status).toBe("published");
    expect(await countRows(t.db, "events", a.id, "and to_status = 'published'")).toBe(1);
    expect(await countRows(t.db, "article_revisions", a.id, "and reason = 'publish'")).toBe(1);
    expect(await countRows(t.db, "notifications", a.id, "and type = 'published'")).toBe(1);
  });

  it("refuses the loser of a race that read the old state before the winner committed", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    let loser: Promise<Awaited<ReturnType<typeof run>>> | undefined;
    await t.db.transaction(async (tx) => {
      const won = await applyTransition(tx, cast.editor, { articleId: a.id, action: "publish", version: a.version }, new Date());
      expect(won.outcome.ok).toBe(true);
      // On PostgreSQL the second editor reads "in review" (uncommitted publish) and then waits on
      // the row lock in its conditional UPDATE; on PGlite it waits for this transaction to end.
      loser = run(cast.editor2, { articleId: a.id, action: "publish", version: a.version });
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(await loser).toMatchObject({ ok: false, message: "This article is already published." });
    expect(await countRows(t.db, "article_revisions", a.id, "and reason = 'publish'")).toBe(1);
    expect(await countRows(t.db, "events", a.id, "and to_status = 'published'")).toBe(1);
  });

  it("keeps an update invisible until it is published, then shows its correction note", async () => {
    const a = await makeArticle(t.db, cast.claire.id, "Titre d’origine");
    await run(cast.claire, { articleId: a.id, action: "submit" });
    await run(cast.editor, { articleId: a.id, action: "publish" });
    // What the editor's save does to a published article: a new working copy, flagged.
    await t.db
      .update(articles)
      .set({ headline: "Titre corrigé", hasUnpublishedChanges: true, version: a.version + 1 })
      .where(eq(articles.id, a.id));
    expect((await getPublishedArticleBySlug({ db: t.db, slug: a.slug }))?.revision.headline).toBe("Titre d’origine");
    expect(await run(cast.claire, { articleId: a.id, action: "publish" })).toMatchObject({ ok: false });
    const r = await run(cast.editor, { articleId: a.id, action: "publish", version: a.version + 1, correction: "Le titre contenait une erreur." });
    expect(r).toMatchObject({ ok: true, status: "published", message: "The update is published." });
    expect((await getPublishedArticleBySlug({ db: t.db, slug: a.slug }))?.revision.headline).toBe("Titre corrigé");
    expect((await getCorrections({ db: t.db, articleId: a.id })).map((c) => c.note)).toEqual(["Le titre contenait une erreur."]);
    expect((await articleRow(t.db, a.id)).hasUnpublishedChanges).toBe(false);
    expect(await run(cast.editor, { articleId: a.id, action: "publish" })).toMatchObject({ ok: false, message: "This article is already published." });
  });

  it("unpublishes only with a reason, and readers stop seeing the article", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    await run(cast.editor, { articleId: a.id, action: "publish" });
    expect(await run(cast.editor, { articleId: a.id, action: "unpublish" })).toMatchObject({ ok: false, code: "needs_reason" });
    expect(await run(cast.editor, { articleId: a.id, action: "unpublish", comment: "Erreur factuelle" })).toMatchObject({ ok: true, status: "unpublished" });
    expect(await getPublishedArticleBySlug({ db: t.db, slug: a.slug })).toBeUndefined();
    expect(await run(cast.admin, { articleId: a.id, action: "publish" })).toMatchObject({ ok: true, status: "published" });
  });

  it("schedules only in the future, unschedules, and says so when the article is unknown", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    await run(cast.editor, { articleId: a.id, action: "approve" });
    const past = new Date(Date.now() - 60_000);
    expect(await run(cast.editor, { articleId: a.id, action: "schedule", scheduledAt: past })).toMatchObject({ code: "needs_future_time" });
    const later = new Date(Date.now() + 3_600_000);
    expect(await run(cast.editor, { articleId: a.id, action: "schedule", scheduledAt: later })).toMatchObject({ ok: true, status: "scheduled" });
    expect((await articleRow(t.db, a.id)).scheduledAt?.getTime()).toBe(later.getTime());
    expect(await run(cast.editor, { articleId: a.id, action: "unschedule" })).toMatchObject({ ok: true, status: "approved" });
    expect((await articleRow(t.db, a.id)).scheduledAt).toBeNull();
    expect(await run(cast.editor, { articleId: "00000000-0000-0000-0000-000000000000", action: "publish" })).toMatchObject({ code: "not_found" });
  });

  it("keeps the event log append-only in the database", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await run(cast.claire, { articleId: a.id, action: "submit" });
    await expect(t.db.update(events).set({ comment: "rewritten" }).where(eq(events.articleId, a.id))).rejects.toThrow();
    await expect(t.db.delete(events).where(eq(events.articleId, a.id))).rejects.toThrow();
    expect(await countRows(t.db, "events", a.id)).toBe(2);
  });
});
