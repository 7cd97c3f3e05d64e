import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/db";
import { listPendingPurges } from "@/db/queries/cdn";
import { authorProfiles, siteSettings } from "@/db/schema";
import { createArticle, makeLive } from "@/lib/articles/store";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createSection } from "@/lib/taxonomy/sections";
import { renameTag } from "@/lib/taxonomy/tags";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeCast, type Cast } from "@/testing/workflow-fixtures";

import { deliverDuePurges, purgeConfig } from "./purge";
import { cacheTagsForPath } from "./tags";

/** A real purge endpoint on 127.0.0.1: answers `status`, or never answers when `hang`. */
type Received = { headers: IncomingHttpHeaders; body: { tags: string[] } };
let receiver: Server;
let url = "";
const received: Received[] = [];
let mode: { status: number; hang: boolean } = { status: 200, hang: false };
const hanging: (() => void)[] = [];

let t: TestDb;
let cast: Cast;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      if (mode.hang) return void hanging.push(() => res.destroy());
      res.writeHead(mode.status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/purge`;
});
afterEach(async () => {
  mode = { status: 200, hang: false };
  received.length = 0;
  for (const end of hanging.splice(0)) end();
  // Each test starts with an empty queue.
  await t.db.execute(sql`delete from cdn_purge_outbox`);
});
afterAll(async () => {
  receiver?.close();
  await t?.drop();
});

const config = () => ({ url, token: "purge-token-0123" });

/** A published article in a section of its own, with a tag; `fresh`: only its publication queued. */
async function publishedInSection(headline: string, fresh = true) {
  const section = await createSection(t.db, cast.admin, { name: `Rubrique ${headline}` });
  if (!section.ok) throw new Error(section.message);
  const article = await createArticle(t.db, {
    createdById: cast.claire.id,
    headline,
    sectionId: section.data.id,
    tags: [`Étiquette ${headline}`],
    body: docFromParagraphs(["Texte."]),
  });
  if (fresh) await t.db.execute(sql`delete from cdn_purge_outbox`);
  await t.db.transaction((tx) => makeLive(tx, article.id, { actorId: cast.editor.id }));
  const [tag] = await queryRows<{ id: number }>(t.db, sql`select tag_id as id from published_article_tags where article_id = ${article.id}`);
  return { article, sectionId: section.data.id, tagId: tag.id };
}

describe(`CDN purges (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("a publication queues the tags of every page it changes, and one POST delivers them", async () => {
    const { article, sectionId, tagId } = await publishedInSection("Purge publication");
    const expected = ["listings", `article-${article.id}`, `section-${sectionId}`, `tag-${tagId}`, `author-${cast.claire.id}`];
    const queued = (await listPendingPurges({ db: t.db })).flatMap((r) => r.tags);
    expect(new Set(queued)).toEqual(new Set(expected));

    // The page itself carries exactly those tags (plus site-wide), so the purge reaches it.
    const pageTags = await cacheTagsForPath(t.db, `/articles/${article.slug}`);
    for (const tag of pageTags.filter((x) => x !== "site")) expect(expected).toContain(tag);
    expect(pageTags).toContain(`article-${article.id}`);

    expect(await deliverDuePurges(t.db, { config: config() })).toMatchObject({ failed: 0 });
    expect(received).toHaveLength(1);
    expect(new Set(received[0].body.tags)).toEqual(new Set(expected));
    expect(received[0].body.tags.length).toBe(new Set(received[0].body.tags).size);
    expect(received[0].headers.authorization).toBe("Bearer purge-token-0123");
    expect(String(received[0].headers["surrogate-key"]).split(" ").sort()).toEqual([...received[0].body.tags].sort());
    expect(await listPendingPurges({ db: t.db })).toEqual([]);
    // Sent once: nothing left to send.
    await deliverDuePurges(t.db, { config: config() });
    expect(received).toHaveLength(1);
  });

  it("tag, author, section and site changes queue their own tags; a draft's edits queue nothing", async () => {
    const { tagId, sectionId } = await publishedInSection("Purge taxonomie");
    await t.db.execute(sql`delete from cdn_purge_outbox`);
    const draft = await createArticle(t.db, { createdById: cast.yanis.id, headline: "Brouillon discret", body: docFromParagraphs(["x"]) });
    await t.db.execute(sql`update articles set slug = 'brouillon-renomme', status = 'in_review' where id = ${draft.id}`);
    expect(await listPendingPurges({ db: t.db })).toEqual([]);

    expect((await renameTag(t.db, cast.admin, { id: tagId, name: "Étiquette renommée" })).ok).toBe(true);
    await t.db.update(authorProfiles).set({ bio: "Nouvelle biographie" }).where(eq(authorProfiles.userId, cast.claire.id));
    await t.db.execute(sql`update sections set name = 'Rubrique renommée' where id = ${sectionId}`);
    await t.db.insert(siteSettings).values({ key: "cdn-test", value: 1 });
    const queued = new Set((await listPendingPurges({ db: t.db })).flatMap((r) => r.tags));
    for (const tag of [`tag-${tagId}`, `author-${cast.claire.id}`, `section-${sectionId}`, "site"]) expect(queued).toContain(tag);
  });

  it("a failing endpoint keeps the purge and it is retried later, not before its back-off", async () => {
    await publishedInSection("Purge échec");
    mode = { status: 503, hang: false };
    expect(await deliverDuePurges(t.db, { config: config() })).toMatchObject({ sent: 0 });
    const [row] = await listPendingPurges({ db: t.db });
    expect(row).toMatchObject({ attempts: 1, lastError: "purge answered 503" });
    mode = { status: 200, hang: false };
    // Not yet due: the back-off holds it.
    await deliverDuePurges(t.db, { config: config() });
    expect(received).toHaveLength(1);
    expect(await deliverDuePurges(t.db, { config: config(), now: new Date(Date.now() + 60_000) })).toMatchObject({ failed: 0 });
    expect(received).toHaveLength(2);
    expect(await listPendingPurges({ db: t.db })).toEqual([]);
  });

  it("an endpoint that hangs delays neither a publication nor the next one, and times out", async () => {
    await publishedInSection("Purge suspendue");
    mode = { status: 200, hang: true };
    const delivery = deliverDuePurges(t.db, { config: { ...config(), timeoutMs: 1_500 } });
    // Wait until the receiver holds the request.
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(1);
    const started = Date.now();
    const next = await publishedInSection("Publiée pendant la purge", false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await cacheTagsForPath(t.db, `/articles/${next.article.slug}`)).toContain(`article-${next.article.id}`);
    expect(await delivery).toMatchObject({ sent: 0 });
    // The timed-out purge is still queued, with the one made meanwhile.
    const pending = await listPendingPurges({ db: t.db });
    expect(pending.some((r) => r.lastError !== null && r.attempts === 1)).toBe(true);
    expect(pending.some((r) => r.tags.includes(`article-${next.article.id}`))).toBe(true);
  });

  it("without a purge URL nothing is sent and the queue does not grow", async () => {
    expect(purgeConfig({})).toBeNull();
    await publishedInSection("Purge désactivée");
    await deliverDuePurges(t.db, { config: null });
    expect(received).toHaveLength(0);
    expect(await listPendingPurges({ db: t.db })).toEqual([]);
  });
});
