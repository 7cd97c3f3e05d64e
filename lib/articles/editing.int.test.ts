import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listAuthorIds } from "@/db/queries/article-people";
import { listArticleTags } from "@/db/queries/article-tags";
import { insertUser } from "@/db/queries/users";
import { articles, events, sections } from "@/db/schema";
import type { PolicyUser } from "@/lib/permissions";
import { docFromParagraphs, TOO_DEEP } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";

import { copyAsNewDraft, saveArticle } from "./editing";
import { heartbeat } from "./presence";
import { createArticle, makeLive } from "./store";

let t: TestDb;
let claire: PolicyUser;
let yanis: PolicyUser;
let editor: PolicyUser;
let sectionId: number;

beforeAll(async () => {
  t = await createTestDb();
  const mk = async (email: string, name: string, role: "journalist" | "editor") => {
    const u = await insertUser({ db: t.db, email, name, role, passwordHash: null });
    return { id: u.id, role, active: true } as PolicyUser;
  };
  claire = await mk("claire@example.org", "Claire Martin", "journalist");
  yanis = await mk("yanis@example.org", "Yanis Benali", "journalist");
  editor = await mk("marc@example.org", "Marc Dubois", "editor");
  [{ id: sectionId }] = await t.db.insert(sections).values({ name: "International", slug: "international" }).returning();
});
afterAll(async () => t?.drop());

const draft = () => createArticle(t.db, { createdById: claire.id, headline: "Brouillon", body: docFromParagraphs(["Premier jet."]) });
const load = async (id: string) => (await t.db.select().from(articles).where(eq(articles.id, id)))[0];

describe("saveArticle", () => {
  it("saves the fields, bumps the version and dedupes tags by folded slug", async () => {
    const a = await draft();
    const body = docFromParagraphs(["L’ANSSI « alerte »."]);
    const r = await saveArticle(t.db, claire, {
      id: a.id,
      expectedVersion: 1,
      changes: {
        headline: "Cybersécurité : la Chine nie",
        slug: "Cybersécurité : la Chine nie",
        slugAuto: true,
        dek: "Pékin dément.",
        highlights: ["Un point", "  ", "Deux"],
        tags: ["#CybersécuritéFrançaise", "cybersécurité française", "APT41", "Chine", "#chine"],
        sectionId,
        language: "fr",
        // The editor sends the body as a JSON string (see article-editor.tsx).
        body: JSON.stringify(body),
      },
    });
    expect(r).toMatchObject({ ok: true, version: 2, slug: "cybersecurite-la-chine-nie" });
    const saved = await load(a.id);
    expect(saved.headline).toBe("Cybersécurité : la Chine nie");
    expect(saved.highlights).toEqual(["Un point", "Deux"]);
    expect(saved.body).toEqual(body);
    expect((await listArticleTags({ db: t.db, articleId: a.id })).map((x) => x.slug)).toEqual(["cybersecurite-francaise", "apt41", "chine"]);

    // Another article, the same words in one case (no word break in the slug): the same tag, never a second one.
    const b = await draft();
    expect(
      await saveArticle(t.db, claire, { id: b.id, expectedVersion: 1, changes: { tags: ["#cybersécuritéfrançaise", "CYBERSÉCURITÉ-FRANÇAISE"] } }),
    ).toMatchObject({
      ok: true,
    });
    const first = await listArticleTags({ db: t.db, articleId: a.id });
    expect(await listArticleTags({ db: t.db, articleId: b.id })).toEqual([first[0]]);
  });

  it("refuses a stale version and leaves the stored article unchanged", async () => {
    const a = await draft();
    const first = await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { headline: "Première main" } });
    expect(first.ok).toBe(true);
    const before = await load(a.id);
    const stale = await saveArticle(t.db, editor, {
      id: a.id,
      expectedVersion: 1,
      changes: { headline: "Seconde main", body: docFromParagraphs(["écrasé"]), tags: ["Intrus"] },
    });
    expect(stale).toMatchObject({ ok: false, code: "conflict", current: { version: 2, updatedByName: "Claire Martin" } });
    expect(await load(a.id)).toEqual(before);
    expect(await listArticleTags({ db: t.db, articleId: a.id })).toEqual([]);
  });

  it("answers ok, not conflict, to a retry of a save that landed but whose answer was lost", async () => {
    const a = await draft();
    const saveId = "6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f50";
    const first = { id: a.id, expectedVersion: 1, saveId, changes: { headline: "Mon texte" } };
    expect(await saveArticle(t.db, claire, first)).toMatchObject({ ok: true, version: 2 });
    // The answer was lost: the editor retries the same save, with more text typed meanwhile.
    const retry = { ...first, changes: { headline: "Mon texte", dek: "et la suite" } };
    expect(await saveArticle(t.db, claire, retry)).toMatchObject({ ok: true, version: 3 });
    // Lost again: still ours, still fine.
    expect(await saveArticle(t.db, claire, retry)).toMatchObject({ ok: true, version: 4 });
    expect(await load(a.id)).toMatchObject({ headline: "Mon texte", dek: "et la suite", version: 4 });
    // Without the id (or with another one) it is what it always was: a conflict.
    expect(await saveArticle(t.db, claire, { ...retry, saveId: undefined })).toMatchObject({ ok: false, code: "conflict" });
    expect(await saveArticle(t.db, claire, { ...retry, saveId: "6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f51" })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("still reports a conflict when someone else saved after the save that landed", async () => {
    const a = await draft();
    const saveId = "7a1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f50";
    expect(await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, saveId, changes: { headline: "Claire" } })).toMatchObject({ ok: true, version: 2 });
    expect(await saveArticle(t.db, editor, { id: a.id, expectedVersion: 2, changes: { headline: "Marc" } })).toMatchObject({ ok: true, version: 3 });
    expect(await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, saveId, changes: { headline: "Claire" } })).toMatchObject({
      ok: false,
      code: "conflict",
      current: { version: 3 },
    });
    expect((await load(a.id)).headline).toBe("Marc");
    // Another version bump that is not a save (restoring a revision) counts the same.
    const b = await draft();
    expect(await saveArticle(t.db, claire, { id: b.id, expectedVersion: 1, saveId, changes: { headline: "Claire" } })).toMatchObject({ ok: true, version: 2 });
    await t.db.update(articles).set({ version: 3, headline: "Restored" }).where(eq(articles.id, b.id));
    expect(await saveArticle(t.db, claire, { id: b.id, expectedVersion: 1, saveId, changes: { headline: "Claire" } })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect((await load(b.id)).headline).toBe("Restored");
  });

  it("lets exactly one of two concurrent saves from the same version win", async () => {
    const a = await draft();
    const results = await Promise.all([
      saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { headline: "A" } }),
      saveArticle(t.db, editor, { id: a.id, expectedVersion: 1, changes: { headline: "B" } }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "conflict")).toHaveLength(1);
    expect((await load(a.id)).version).toBe(2);
  });

  it("refuses unknown nodes, javascript: links and oversize fields at the field", async () => {
    const a = await draft();
    const evil = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }],
    };
    const r1 = await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { body: evil } });
    expect(r1).toMatchObject({ ok: false, code: "invalid", fieldErrors: { body: [expect.stringContaining("Links")] } });
    const r2 = await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { body: { type: "doc", content: [{ type: "iframe" }] } } });
    expect(r2.ok).toBe(false);
    const r3 = await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { headline: "x".repeat(201), highlights: Array(13).fill("k") } });
    expect(r3).toMatchObject({ ok: false, code: "invalid", fieldErrors: { headline: [expect.any(String)], highlights: [expect.any(String)] } });
    expect((await load(a.id)).version).toBe(1);
  });

  it("refuses a body nested 1,000 levels (or 50,000, or deep in another field) with a field error, never an exception", async () => {
    const a = await draft();
    const nested = (levels: number) => {
      let node: unknown = { type: "paragraph", content: [{ type: "text", text: "profond" }] };
      for (let i = 0; i < levels; i++) node = { type: "blockquote", content: [node] };
      return { type: "doc", content: [node] };
    };
    // As text built by hand: JSON.stringify itself overflows at 50,000 levels.
    const nestedText = (levels: number) =>
      `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(levels)}{"type":"paragraph","content":[{"type":"text","text":"profond"}]}${"]}".repeat(levels)}]}`;
    for (const levels of [1_000, 50_000]) {
      for (const body of [nested(levels), nestedText(levels)]) {
        const r = await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { body } });
        expect(r).toMatchObject({ ok: false, code: "invalid", fieldErrors: { body: [TOO_DEEP] } });
      }
    }
    const deepHighlight = await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { highlights: [nested(50_000)] } });
    expect(deepHighlight).toMatchObject({ ok: false, code: "invalid", fieldErrors: { highlights: [expect.any(String)] } });
    const copy = await copyAsNewDraft(t.db, claire, { headline: "Copie", body: nested(1_000) });
    expect(copy).toMatchObject({ ok: false, fieldErrors: { body: [TOO_DEEP] } });
    expect((await load(a.id)).version).toBe(1);
  });

  it("enforces the policy: other journalists never, authors not in review, editors always (attributed)", async () => {
    const a = await draft();
    expect(await saveArticle(t.db, yanis, { id: a.id, expectedVersion: 1, changes: { headline: "pirate" } })).toMatchObject({
      ok: false,
      code: "forbidden:article",
    });
    await t.db.update(articles).set({ status: "in_review" }).where(eq(articles.id, a.id));
    expect(await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { headline: "tard" } })).toMatchObject({ ok: false, code: "locked" });
    expect((await load(a.id)).headline).toBe("Brouillon");
    expect(await saveArticle(t.db, editor, { id: a.id, expectedVersion: 1, changes: { headline: "Relu" } })).toMatchObject({ ok: true });
    const saved = await load(a.id);
    expect(saved.updatedById).toBe(editor.id);
    const log = await t.db.select().from(events).where(eq(events.articleId, a.id));
    expect(log.some((e) => e.type === "article.edited" && e.actorId === editor.id)).toBe(true);
  });

  it("marks a published article as having unpublished changes", async () => {
    const a = await draft();
    await t.db.update(articles).set({ status: "published", firstPublishedAt: new Date() }).where(eq(articles.id, a.id));
    const r = await saveArticle(t.db, editor, { id: a.id, expectedVersion: 1, changes: { headline: "Mise à jour", slug: "autre-chose" } });
    expect(r).toMatchObject({ ok: false, fieldErrors: { slug: [expect.stringContaining("first publication")] } });
    expect(await saveArticle(t.db, editor, { id: a.id, expectedVersion: 1, changes: { headline: "Mise à jour" } })).toMatchObject({ ok: true });
    expect((await load(a.id)).hasUnpublishedChanges).toBe(true);
  });

  it("refuses a hand-typed slug used by another article, picks a free one for the automatic slug", async () => {
    // A slug is reserved by a published article (working copies do not reserve one, so a slug never
    // reveals an unpublished piece).
    const a = await draft();
    await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: editor.id }));
    const b = await draft();
    const taken = (await load(a.id)).slug;
    expect(await saveArticle(t.db, claire, { id: b.id, expectedVersion: 1, changes: { slug: taken } })).toMatchObject({
      ok: false,
      fieldErrors: { slug: [expect.any(String)] },
    });
    const auto = await saveArticle(t.db, claire, { id: b.id, expectedVersion: 1, changes: { slug: taken, slugAuto: true } });
    expect(auto.ok && auto.slug).toMatch(new RegExp(`^${taken}-\\d+$`));
  });

  it("reorders the byline and keeps a journalist on it", async () => {
    const a = await draft();
    expect(await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { authorIds: [yanis.id] } })).toMatchObject({
      ok: false,
      fieldErrors: { authorIds: [expect.any(String)] },
    });
    expect(await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { authorIds: [yanis.id, claire.id] } })).toMatchObject({ ok: true });
    expect(await listAuthorIds({ db: t.db, articleId: a.id })).toEqual([yanis.id, claire.id]);
  });

  it("keeps mine as a copy: a new draft by me with my text", async () => {
    const r = await copyAsNewDraft(t.db, editor, { headline: "Ma version", body: docFromParagraphs(["Mon texte"]), tags: ["Chine"] });
    expect(r.ok).toBe(true);
    const copy = await load(r.ok ? r.id : "");
    expect(copy).toMatchObject({ headline: "Ma version", status: "draft", createdById: editor.id });
    expect(await listAuthorIds({ db: t.db, articleId: copy.id })).toEqual([editor.id]);
  });

  it("reports who else has the article open", async () => {
    const a = await draft();
    expect(await heartbeat(t.db, a.id, claire.id)).toEqual([]);
    expect(await heartbeat(t.db, a.id, editor.id)).toEqual([{ id: claire.id, name: "Claire Martin" }]);
  });
});
