import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listAuthorIds } from "@/db/queries/article-people";
import { countUnreadNotifications, listNotifications } from "@/db/queries/notifications";
import { getAuthorBySlug, getBylines, listSitemapEntries } from "@/db/queries/public";
import { getSlugRedirectTarget, upsertSlugRedirect } from "@/db/queries/slug-redirects";
import { insertUser } from "@/db/queries/users";
import { articles, authorProfiles, emailOutbox, events, notifications } from "@/db/schema";
import { saveArticle } from "@/lib/articles/editing";
import { createArticle, makeLive } from "@/lib/articles/store";
import { suggestTags } from "@/lib/articles/tag-suggestions";
import { deliverDueMail } from "@/lib/mail/worker";
import type { PolicyUser } from "@/lib/permissions";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { addComment } from "@/lib/workflow/comments";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

/** Bylines, co-authors, public author pages and what other journalists may learn. */
let t: TestDb;
let cast: Cast;
const savedSmtp = process.env.SMTP_URL;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "by-");
}, 60_000);
afterAll(async () => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
  await t?.drop();
});

const version = async (id: string) => (await articleRow(t.db, id)).version;
const save = async (u: PolicyUser, id: string, changes: Record<string, unknown>) => saveArticle(t.db, u, { id, expectedVersion: await version(id), changes });
const go = (u: PolicyUser, id: string, action: "submit" | "withdraw" | "approve" | "publish" | "unpublish", comment?: string) =>
  runTransition(t.db, u, { articleId: id, action, comment }, { revalidate: noRevalidate });
const slugOf = async (u: PolicyUser) => (await getProfileSlug(u.id))!;
async function getProfileSlug(userId: string) {
  const [p] = await t.db.select({ slug: authorProfiles.slug }).from(authorProfiles).where(eq(authorProfiles.userId, userId));
  return p?.slug;
}
const publicBylines = async (id: string) => (await getBylines({ db: t.db, articleIds: [id] })).map((b) => b.slug);

describe("the two-person rule through the byline", () => {
  it("refuses the exact attack: withdraw, byline to someone else, resubmit, publish herself", async () => {
    const { editor, editor2, claire } = cast;
    const a = await makeArticle(t.db, editor.id, "Mon propre article");
    expect((await go(editor, a.id, "submit")).ok).toBe(true);
    expect((await go(editor, a.id, "withdraw")).ok).toBe(true);
    expect(await save(editor, a.id, { authorIds: [claire.id] })).toMatchObject({ ok: true });
    expect(await listAuthorIds({ db: t.db, articleId: a.id })).toEqual([claire.id]);
    expect((await go(editor, a.id, "submit")).ok).toBe(true);
    expect(await go(editor, a.id, "publish")).toMatchObject({ ok: false, code: "two_person_rule" });
    expect(await go(editor, a.id, "approve")).toMatchObject({ ok: false, code: "two_person_rule" });
    expect((await articleRow(t.db, a.id)).status).toBe("in_review");
    // The author put on the byline heard of it, and the timeline says who did it.
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, claire.id), eq(notifications.articleId, a.id)));
    expect(told.map((n) => n.type)).toContain("byline_changed");
    const ev = await t.db
      .select()
      .from(events)
      .where(and(eq(events.articleId, a.id), eq(events.type, "article.authors_changed")));
    expect(ev).toHaveLength(1);
    expect(ev[0].actorId).toBe(editor.id);
    // A second editor, who neither wrote nor edited it, may.
    expect((await go(editor2, a.id, "publish")).ok).toBe(true);
  });

  it("an editor who edited someone else's version cannot approve it; after publication the next version starts afresh", async () => {
    const { editor, editor2, claire } = cast;
    const a = await makeArticle(t.db, claire.id);
    await go(claire, a.id, "submit");
    expect(await save(editor, a.id, { headline: "Titre retouché" })).toMatchObject({ ok: true });
    expect(await go(editor, a.id, "approve")).toMatchObject({ ok: false, code: "two_person_rule" });
    expect((await go(editor2, a.id, "approve")).ok).toBe(true);
    expect((await go(editor2, a.id, "publish")).ok).toBe(true);
    // Unpublished and published again without edits: the editor who touched the earlier version may.
    expect((await go(editor, a.id, "unpublish", "Erreur")).ok).toBe(true);
    expect((await go(editor, a.id, "publish")).ok).toBe(true);
  });

  it("the byline change is told to the author taken off (without a link to the article)", async () => {
    const { editor, claire, yanis } = cast;
    const a = await makeArticle(t.db, claire.id, "Enquête partagée", [yanis.id]);
    expect(await save(editor, a.id, { authorIds: [claire.id] })).toMatchObject({ ok: true });
    const [gone] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, yanis.id), eq(notifications.type, "byline_changed")));
    expect(gone.message).toContain("removed you from the byline");
    expect(gone.articleId).toBeNull();
    const kept = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, claire.id), eq(notifications.articleId, a.id), eq(notifications.type, "byline_changed")));
    expect(kept).toHaveLength(1);
  });
});

describe("the byline of a published article changes with 'publish update' only", () => {
  it("an editor's byline save stays off the public page, author pages and feeds until published", async () => {
    const { editor, editor2, claire, yanis } = cast;
    const a = await makeArticle(t.db, claire.id, "Un papier publié");
    await go(claire, a.id, "submit");
    expect((await go(editor, a.id, "publish")).ok).toBe(true);
    const claireSlug = await slugOf(claire);
    const yanisSlug = await slugOf(yanis);
    expect(await publicBylines(a.id)).toEqual([claireSlug]);

    expect(await save(editor, a.id, { authorIds: [yanis.id, claire.id] })).toMatchObject({ ok: true });
    expect((await articleRow(t.db, a.id)).hasUnpublishedChanges).toBe(true);
    expect(await publicBylines(a.id)).toEqual([claireSlug]);
    expect(await getAuthorBySlug({ db: t.db, slug: yanisSlug })).toBeUndefined();
    expect((await listSitemapEntries({ db: t.db })).authors).not.toContain(yanisSlug);

    // editor2 publishes the update (the editor who changed the byline is a contributor now).
    expect((await go(editor2, a.id, "publish")).ok).toBe(true);
    expect(await publicBylines(a.id)).toEqual([yanisSlug, claireSlug]);
    expect(await getAuthorBySlug({ db: t.db, slug: yanisSlug })).toMatchObject({ slug: yanisSlug });
    expect((await listSitemapEntries({ db: t.db })).authors).toContain(yanisSlug);
  });
});

describe("a co-author cannot take a draft over", () => {
  it("a co-author may add but not remove or reorder; the creator and editors may", async () => {
    const { editor, claire, yanis, editor2 } = cast;
    const a = await makeArticle(t.db, claire.id, "Un brouillon à deux", [yanis.id]);
    for (const authorIds of [[yanis.id], [yanis.id, claire.id], [claire.id]]) {
      const r = await save(yanis, a.id, { authorIds });
      expect(r).toMatchObject({ ok: false, fieldErrors: { authorIds: [expect.any(String)] } });
    }
    expect(await listAuthorIds({ db: t.db, articleId: a.id })).toEqual([claire.id, yanis.id]);
    expect(await save(yanis, a.id, { authorIds: [claire.id, yanis.id, editor2.id] })).toMatchObject({ ok: true });
    expect(await save(claire, a.id, { authorIds: [claire.id, editor2.id] })).toMatchObject({ ok: true });
    expect(await save(claire, a.id, { authorIds: [editor2.id] })).toMatchObject({ ok: false });
    expect(await save(editor, a.id, { authorIds: [editor2.id] })).toMatchObject({ ok: true });
  });
});

describe("nothing unpublished reaches other journalists", () => {
  it("a comment notifies only people who may view the article now, and queued mail is checked again at send time", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // queue mail; the test delivers it through its own transport
    const { editor, claire, yanis } = cast;
    const a = await makeArticle(t.db, claire.id, "Sujet confidentiel", [yanis.id]);
    await addComment(t.db, yanis, { articleId: a.id, body: "Je prends la partie port." });
    // Queued while Yanis was a co-author, sent after he was taken off.
    await addComment(t.db, claire, { articleId: a.id, body: "Premier avis" });
    expect(await save(editor, a.id, { authorIds: [claire.id] })).toMatchObject({ ok: true });
    await addComment(t.db, claire, { articleId: a.id, body: "Source confidentielle : le directeur." });
    const mine = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, yanis.id), eq(notifications.articleId, a.id)));
    expect(mine.map((n) => n.message).join("\n")).not.toContain("Source confidentielle");
    const sent: { to: string; text: string }[] = [];
    await deliverDueMail(t.db, { transport: { sendMail: async (m) => void sent.push(m) }, batch: 500 });
    const toYanis = sent.filter((m) => m.to === cast.yanis.email);
    expect(toYanis.filter((m) => m.text.includes("Premier avis") || m.text.includes("Source confidentielle"))).toEqual([]);
    expect(sent.some((m) => m.to === cast.claire.email && m.text.includes("Je prends la partie port"))).toBe(true);
    const dropped = await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, cast.yanis.email));
    expect(dropped.some((m) => m.lastError?.includes("no longer view"))).toBe(true);
    delete process.env.SMTP_URL;
  });

  it("notifications made before someone lost sight of an article are no longer listed or counted for them", async () => {
    const { editor, claire, yanis } = cast;
    const a = await makeArticle(t.db, claire.id, "Fusion sous embargo", [yanis.id]);
    await addComment(t.db, claire, { articleId: a.id, body: "Le montant exact reste entre nous." });
    const aboutIt = async (u: { id: string; role: string }) => (await listNotifications({ db: t.db, user: u })).filter((n) => n.articleId === a.id);
    expect(await aboutIt(yanis)).toHaveLength(1);
    const unreadListed = async (u: { id: string; role: string }) => (await listNotifications({ db: t.db, user: u })).filter((n) => !n.readAt).length;
    expect(await countUnreadNotifications({ db: t.db, user: yanis })).toBe(await unreadListed(yanis));
    // Taken off the byline: he may not open the article any more, nor read what it was about.
    expect(await save(editor, a.id, { authorIds: [claire.id] })).toMatchObject({ ok: true });
    expect(await aboutIt(yanis)).toEqual([]);
    const [stored] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, yanis.id), eq(notifications.articleId, a.id)));
    expect(stored.n).toBeGreaterThan(0); // still stored (it comes back if he is put on the byline again)
    expect(await countUnreadNotifications({ db: t.db, user: yanis })).toBe(await unreadListed(yanis));
    // An editor sees every article: demoted to journalist, the desk's notifications about others' articles go too.
    expect((await go(claire, a.id, "submit")).ok).toBe(true);
    expect(await aboutIt(editor)).not.toEqual([]);
    expect(await aboutIt({ id: editor.id, role: "journalist" })).toEqual([]);
    // Notifications about no article, and about one's own, stay.
    expect(await aboutIt(claire)).toEqual(await aboutIt({ id: claire.id, role: "journalist" }));
  });

  it("tag suggestions offer only tags the journalist could see", async () => {
    const { editor, claire, yanis } = cast;
    await createArticle(t.db, { createdById: claire.id, headline: "Embargo", tags: ["Opération Zéphyr"] });
    expect(await suggestTags(t.db, yanis, "operation")).toEqual([]);
    expect(await suggestTags(t.db, claire, "operation")).toEqual(["Opération Zéphyr"]);
    expect(await suggestTags(t.db, editor, "operation")).toEqual(["Opération Zéphyr"]);
    const pub = await createArticle(t.db, { createdById: claire.id, headline: "Publié", tags: ["Zéphyr public"], body: docFromParagraphs(["x"]) });
    await t.db.transaction((tx) => makeLive(tx, pub.id, { actorId: editor.id }));
    expect(await suggestTags(t.db, yanis, "zephyr")).toEqual(["Zéphyr public"]);
    expect(await suggestTags(t.db, yanis, "operation")).toEqual([]);
  });

  it("a journalist cannot tell someone else's hidden slug from a free one", async () => {
    const { editor, claire, yanis } = cast;
    const hidden = await makeArticle(t.db, claire.id, "Fusion secrète des deux groupes");
    const embargoed = await makeArticle(t.db, claire.id, "Rachat annoncé demain");
    await t.db.transaction((tx) => makeLive(tx, embargoed.id, { actorId: editor.id }));
    await go(editor, embargoed.id, "unpublish", "Sous embargo");
    const mine = await makeArticle(t.db, yanis.id, "Mon sujet");
    const answers: unknown[] = [];
    for (const slug of [hidden.slug, embargoed.slug, "personne-ne-l-utilise"]) {
      const r = await save(yanis, mine.id, { slug });
      answers.push(r.ok ? { ok: true, sameSlug: r.slug === slug } : r);
      const auto = await save(yanis, mine.id, { slug, slugAuto: true });
      answers.push(auto.ok ? { ok: true, sameSlug: auto.slug === slug } : auto);
    }
    expect(answers).toEqual(Array(6).fill({ ok: true, sameSlug: true }));
    // A new article with the same headline as the hidden one gets the same slug as on an empty site.
    const same = await makeArticle(t.db, yanis.id, "Fusion secrète des deux groupes");
    expect(same.slug).toBe(hidden.slug);
    // An editor sees every article: the clash with a reserved (once published) slug is named to her.
    const other = await makeArticle(t.db, editor.id, "Un autre");
    expect(await save(editor, other.id, { slug: embargoed.slug })).toMatchObject({ ok: false, fieldErrors: { slug: [expect.any(String)] } });
    // At the first publication the slug becomes unique among published articles, silently.
    await go(yanis, same.id, "submit");
    await go(claire, hidden.id, "submit");
    expect((await go(editor, hidden.id, "publish")).ok).toBe(true);
    expect((await go(editor, same.id, "publish")).ok).toBe(true);
    const slugs = [(await articleRow(t.db, hidden.id)).slug, (await articleRow(t.db, same.id)).slug];
    expect(new Set(slugs).size).toBe(2);
  });
});

describe("only people with a published byline have a public author page", () => {
  it("no page, feed, sitemap entry or redirect for an admin, a newcomer, or an author whose only article is unpublished", async () => {
    const { admin, editor, editor2 } = cast;
    const fresh = await insertUser({ db: t.db, email: "by-newcomer@example.test", name: "Nouvelle Recrue", role: "journalist", passwordHash: null });
    for (const u of [admin, { id: fresh.id }]) {
      expect(await getAuthorBySlug({ db: t.db, slug: (await getProfileSlug(u.id))! })).toBeUndefined();
    }
    const a = await makeArticle(t.db, fresh.id, "Premier papier de la recrue");
    await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: editor.id }));
    const slug = (await getProfileSlug(fresh.id))!;
    expect(await getAuthorBySlug({ db: t.db, slug })).toMatchObject({ slug });
    await upsertSlugRedirect({ db: t.db, kind: "author", oldSlug: "ancien-nom-recrue", targetId: fresh.id });
    expect(await getSlugRedirectTarget({ db: t.db, kind: "author", oldSlug: "ancien-nom-recrue" })).toBe(slug);
    await go(editor2, a.id, "unpublish", "Retiré");
    expect(await getAuthorBySlug({ db: t.db, slug })).toBeUndefined();
    expect((await listSitemapEntries({ db: t.db })).authors).not.toContain(slug);
    expect(await getSlugRedirectTarget({ db: t.db, kind: "author", oldSlug: "ancien-nom-recrue" })).toBeNull();
    expect((await t.db.select().from(articles).where(eq(articles.id, a.id)))[0].status).toBe("unpublished");
  });
});
