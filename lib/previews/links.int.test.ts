import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/db";
import { articles, events, previewLinks } from "@/db/schema";
import { saveArticle } from "@/lib/articles/editing";
import { cutRevision } from "@/lib/articles/store";
import { PREVIEW_MAX_FAILURES } from "@/lib/auth/rate-limit";
import { setTestClock } from "@/lib/clock";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

import { createPreviewLink, openSharedPreview, revokePreviewLink } from "./links";
import { revisionView, workingCopyView } from "./model";
import { newPreviewToken } from "./tokens";

let t: TestDb;
let cast: Cast;
let ipN = 0;
// Each test opens from its own address, so the per-address limit only bites where it is tested.
const ip = () => `192.0.2.${++ipN}`;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
}, 120_000);
afterAll(async () => t?.drop());

async function shared(pinned = false, hours = 48, now?: Date) {
  const a = await makeArticle(t.db, cast.claire.id, "Le titre d'origine");
  const r = await createPreviewLink(t.db, cast.editor, { articleId: a.id, hours, pinned, now });
  if (!r.ok) throw new Error(r.message);
  return { articleId: a.id, ...r };
}

describe(`shared previews (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("stores only the token's SHA-256, with the chosen expiry, and records the sharing on the timeline", async () => {
    const now = new Date("2026-05-01T08:00:00Z");
    const link = await shared(false, 48, now);
    const [row] = await t.db.select().from(previewLinks).where(eq(previewLinks.id, link.id));
    expect(row.tokenHash).toBe(createHash("sha256").update(link.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(row.expiresAt.toISOString()).toBe("2026-05-03T08:00:00.000Z");
    expect(row.revisionNumber).toBeNull();
    const evs = await t.db.select().from(events).where(eq(events.articleId, link.articleId));
    expect(evs.map((e) => e.type)).toContain("article.preview_shared");
  });

  it("refuses an expiry outside 1 hour–7 days, at the field, creating nothing", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    for (const hours of [0, 169, 2.5]) {
      const r = await createPreviewLink(t.db, cast.editor, { articleId: a.id, hours, pinned: false });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fieldErrors?.hours?.[0]).toMatch(/1 hour and 7 days/);
    }
    expect(await t.db.select().from(previewLinks).where(eq(previewLinks.articleId, a.id))).toHaveLength(0);
  });

  it("opens: counts the opening, puts it on the timeline, shows the working copy", async () => {
    const link = await shared();
    const opened = await openSharedPreview(t.db, { token: link.token, ip: ip() });
    expect(opened?.view.revision.headline).toBe("Le titre d'origine");
    expect(opened?.view.revision.bodyHtml).toContain("Premier paragraphe");
    const [row] = await t.db.select().from(previewLinks).where(eq(previewLinks.id, link.id));
    expect(row.openCount).toBe(1);
    expect(row.lastOpenedAt).not.toBeNull();
    const evs = await t.db.select().from(events).where(eq(events.articleId, link.articleId));
    expect(evs.filter((e) => e.type === "article.preview_opened")).toHaveLength(1);
  });

  it("'always the latest' follows the working copy; 'this version' stays on the version shared", async () => {
    const latest = await shared(false);
    const pinned = await createPreviewLink(t.db, cast.editor, { articleId: latest.articleId, hours: 24, pinned: true });
    if (!pinned.ok) throw new Error(pinned.message);
    expect(pinned.revisionNumber).not.toBeNull();
    const before = await articleRow(t.db, latest.articleId);
    const saved = await saveArticle(t.db, cast.claire, { id: latest.articleId, expectedVersion: before.version, changes: { headline: "Le titre changé" } });
    expect(saved.ok).toBe(true);
    expect((await openSharedPreview(t.db, { token: latest.token, ip: ip() }))?.view.revision.headline).toBe("Le titre changé");
    expect((await openSharedPreview(t.db, { token: pinned.token, ip: ip() }))?.view.revision.headline).toBe("Le titre d'origine");
    // Pinning again without changes reuses the revision just cut rather than cutting another.
    const again = await createPreviewLink(t.db, cast.editor, { articleId: latest.articleId, hours: 24, pinned: true });
    const twice = await createPreviewLink(t.db, cast.editor, { articleId: latest.articleId, hours: 24, pinned: true });
    expect(again.ok && twice.ok && again.revisionNumber === twice.revisionNumber).toBe(true);
  });

  it("unknown, malformed, expired and revoked tokens all answer null, and record no opening", async () => {
    const now = new Date();
    const expired = await shared(false, 1, new Date(now.getTime() - 2 * 3_600_000));
    const revoked = await shared();
    expect(await revokePreviewLink(t.db, cast.editor, { articleId: revoked.articleId, linkId: revoked.id })).toEqual({ ok: true });
    for (const token of [newPreviewToken(), "not-a-token", "", "../../etc/passwd", expired.token, revoked.token]) {
      expect(await openSharedPreview(t.db, { token, ip: ip(), now })).toBeNull();
    }
    const rows = await t.db
      .select()
      .from(previewLinks)
      .where(sql`${previewLinks.id} in (${expired.id}, ${revoked.id})`);
    expect(rows.every((r) => r.openCount === 0)).toBe(true);
    const evs = await t.db.select().from(events).where(eq(events.articleId, revoked.articleId));
    expect(evs.map((e) => e.type)).toEqual(expect.arrayContaining(["article.preview_revoked"]));
    expect(evs.some((e) => e.type === "article.preview_opened")).toBe(false);
  });

  it("expires by the application's clock (lib/clock.ts), as embargoes and the scheduler do", async () => {
    const link = await shared(false, 1);
    const before = process.env.E2E_TEST_HOOKS;
    process.env.E2E_TEST_HOOKS = "1";
    try {
      setTestClock(new Date(Date.now() + 61 * 60_000));
      expect(await openSharedPreview(t.db, { token: link.token, ip: ip() })).toBeNull();
      setTestClock(null);
      expect(await openSharedPreview(t.db, { token: link.token, ip: ip() })).not.toBeNull();
    } finally {
      setTestClock(null);
      process.env.E2E_TEST_HOOKS = before;
    }
  });

  it("a link of a deleted article answers null", async () => {
    const link = await shared();
    await t.db.delete(articles).where(eq(articles.id, link.articleId));
    expect(await openSharedPreview(t.db, { token: link.token, ip: ip() })).toBeNull();
  });

  it("rate-limits guessing per address: after too many unknown tokens even a good one answers null there, not elsewhere", async () => {
    const link = await shared();
    const guesser = "198.51.100.7";
    for (let i = 0; i < PREVIEW_MAX_FAILURES; i++) expect(await openSharedPreview(t.db, { token: newPreviewToken(), ip: guesser })).toBeNull();
    expect(await openSharedPreview(t.db, { token: link.token, ip: guesser })).toBeNull();
    expect(await openSharedPreview(t.db, { token: link.token, ip: ip() })).not.toBeNull();
  });

  it("the working copy's view and the view of a revision cut from it are the same page", async () => {
    const a = await makeArticle(t.db, cast.claire.id, "Même page");
    const row = await articleRow(t.db, a.id);
    const revision = await cutRevision(t.db, a.id, { reason: "save_version", actorId: cast.claire.id });
    const [working, cut] = await Promise.all([workingCopyView({ db: t.db, article: row }), revisionView({ db: t.db, article: row, revision })]);
    expect(cut).toEqual(working);
    expect(working.authors.map((x) => x.displayName)).toHaveLength(1);
    const [n] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from article_revisions where article_id = ${a.id}`);
    expect(Number(n.n)).toBe(1);
  });
});
