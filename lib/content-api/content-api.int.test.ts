import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { Validator } from "@seriousme/openapi-schema-validator";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { rowsOf, type Tx } from "@/db";
import { articles, publishedArticleAuthors, sections } from "@/db/schema";
import { createArticle, cutRevision, makeLive } from "@/lib/articles/store";
import { createPreviewLink } from "@/lib/previews/links";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";
import { doc, expectMatchesOpenApi } from "@/testing/openapi-check";
import { articleInState, makeCast, type Cast } from "@/testing/workflow-fixtures";

import { getArticle, listArticles, listAuthors, listSections, listTags, serveApi } from "./handlers";
import { jsonBody } from "./http";
import { checkApiKey, createApiKey, revokeApiKey } from "./keys";
import { serveContentApi } from "./node";
import { responseCache } from "./response-cache";
import { apiResponse } from "./routes";

/*
 * The Content API against a real database: published content only (each way an article can be
 * not public is tried), cursors, filters, ETag/304, CORS, keys, and every answer checked against
 * the OpenAPI description, itself checked by an OpenAPI 3.1 validator.
 */
let t: TestDb;
let cast: Cast;
let key: string;
const SECRET = "SECRET-WORKING-COPY";
const ids: Record<string, string> = {};
class Rollback extends Error {}

type Handler = Parameters<typeof serveApi>[2];
const HANDLERS: Record<string, Handler> = { "/articles": listArticles, "/authors": listAuthors, "/tags": listTags, "/sections": listSections };

/** One GET through the API, its answer checked against the OpenAPI description. */
async function get(path: string, opts: { key?: string | null; headers?: Record<string, string> } = {}) {
  const url = new URL(`http://localhost/api/v1${path}`);
  const item = /^\/articles\/([^/]+)$/.exec(url.pathname.replace("/api/v1", ""));
  const handler = item ? getArticle(decodeURIComponent(item[1])) : HANDLERS[url.pathname.replace("/api/v1", "")];
  const headers: Record<string, string> = { ...opts.headers };
  const k = opts.key === undefined ? key : opts.key;
  if (k) headers.authorization = `Bearer ${k}`;
  const res = await serveApi(t.db, new Request(url, { headers }), handler);
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  expectMatchesOpenApi(item ? "/articles/{slug}" : url.pathname.replace("/api/v1", ""), res.status, body);
  return { status: res.status, headers: res.headers, body, text };
}

async function publish(headline: string, opts: { tags?: string[]; sectionId?: number; at: Date }) {
  const a = await createArticle(t.db, {
    createdById: cast.claire.id,
    headline,
    body: docFromParagraphs([`Texte de ${headline}.`]),
    tags: opts.tags ?? ["Chine"],
  });
  if (opts.sectionId) await t.db.update(articles).set({ sectionId: opts.sectionId }).where(eq(articles.id, a.id));
  await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: cast.editor.id, now: opts.at }));
  return a;
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "api-");
  const [world] = await t.db.insert(sections).values({ name: "Monde", slug: "monde", position: 1 }).returning();
  for (let i = 0; i < 5; i++) {
    const a = await publish(`Publié numéro ${i}`, {
      tags: i % 2 ? ["Chine", "Économie"] : ["Chine"],
      sectionId: i < 2 ? world.id : undefined,
      at: new Date(Date.UTC(2026, 0, 1 + i)),
    });
    ids[`pub${i}`] = a.id;
  }
  // Every way of not being public: never published, on its way, taken down, held, or edited since.
  for (const status of ["draft", "in_review", "changes_requested", "approved", "scheduled", "unpublished"] as const) {
    ids[status] = await articleInState(t.db, { authorId: cast.yanis.id, publisherId: cast.editor.id, status });
  }
  ids.embargoed = await articleInState(t.db, {
    authorId: cast.yanis.id,
    publisherId: cast.editor.id,
    status: "approved",
    set: { embargoUntil: new Date(Date.now() + 86_400_000) },
  });
  await t.db.update(articles).set({ headline: SECRET, hasUnpublishedChanges: true }).where(eq(articles.id, ids.pub0));
  const draftWithTag = await createArticle(t.db, { createdById: cast.yanis.id, headline: "Brouillon étiqueté", tags: ["Étiquette secrète"] });
  ids.taggedDraft = draftWithTag.id;
  await cutRevision(t.db, draftWithTag.id, { reason: "save_version", actorId: cast.yanis.id });
  const link = await createPreviewLink(t.db, cast.yanis, { articleId: ids.draft, hours: 2, pinned: true });
  expect(link.ok).toBe(true);
  const created = await createApiKey(t.db, cast.admin, { name: "App mobile" });
  if (!created.ok) throw new Error(created.message);
  key = created.key;
}, 180_000);
afterAll(async () => t?.drop());

describe(`Content API (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("has an OpenAPI 3.1 description that an OpenAPI validator accepts", async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("lists published articles only, newest first, with the live version's fields", async () => {
    const r = await get("/articles?limit=100");
    expect(r.status).toBe(200);
    const got = r.body.data.map((a: { id: string }) => a.id);
    expect(got).toEqual([4, 3, 2, 1, 0].map((i) => ids[`pub${i}`]));
    expect(r.text).not.toContain(SECRET);
    const first = r.body.data[4];
    expect(first.headline).toBe("Publié numéro 0");
    expect(first.body_html).toContain("<p>Texte de Publié numéro 0.</p>");
    expect(first.section).toEqual({ name: "Monde", slug: "monde", url: "http://localhost/sections/monde" });
    expect(first.authors[0]).toMatchObject({ slug: expect.any(String), url: expect.stringMatching(/^http:\/\/localhost\/authors\//) });
  });

  it("never shows a draft, review, approved, scheduled, unpublished, embargoed or previewed article", async () => {
    const hidden = ["draft", "in_review", "changes_requested", "approved", "scheduled", "unpublished", "embargoed", "taggedDraft"].map((k) => ids[k]);
    const all = [
      await get("/articles?limit=100"),
      await get("/authors?limit=100"),
      await get("/tags?limit=100"),
      await get("/articles?limit=100&author=yanis-api"),
    ];
    for (const r of all) for (const id of hidden) expect(r.text).not.toContain(id);
    const rows = await t.db.select({ id: articles.id, slug: articles.slug, headline: articles.headline }).from(articles);
    for (const row of rows.filter((r) => hidden.includes(r.id))) {
      for (const r of all) expect(r.text).not.toContain(row.headline);
      expect((await get(`/articles/${encodeURIComponent(row.slug)}`)).status).toBe(404);
    }
    // Yanis has no published byline: no author entry; the draft's tag is not public.
    expect(all[1].body.data.map((a: { name: string }) => a.name)).not.toContain("Yanis api-");
    expect(all[2].body.data.map((tag: { slug: string }) => tag.slug)).toEqual(["chine", "economie"]);
  });

  it("serves one article with its structured body, rendered HTML and the live (not working) headline", async () => {
    const [row] = await t.db.select({ slug: articles.slug }).from(articles).where(eq(articles.id, ids.pub0));
    const r = await get(`/articles/${encodeURIComponent(row.slug)}`);
    expect(r.status).toBe(200);
    expect(r.body.data.headline).toBe("Publié numéro 0");
    expect(r.body.data.body.type).toBe("doc");
    expect(r.body.data.body_html).toContain("<p>");
    expect(r.text).not.toContain(SECRET);
    expect((await get("/articles/nothing-here")).status).toBe(404);
  });

  it("pages with a cursor and filters by tag, section, author and updated_since", async () => {
    const p1 = await get("/articles?limit=2");
    expect(p1.body.data).toHaveLength(2);
    const p2 = await get(`/articles?limit=2&cursor=${p1.body.next_cursor}`);
    const p3 = await get(`/articles?limit=2&cursor=${p2.body.next_cursor}`);
    expect(p3.body.next_cursor).toBeNull();
    expect([...p1.body.data, ...p2.body.data, ...p3.body.data].map((a: { id: string }) => a.id)).toEqual([4, 3, 2, 1, 0].map((i) => ids[`pub${i}`]));
    expect((await get("/articles?tag=economie")).body.data.map((a: { id: string }) => a.id)).toEqual([ids.pub3, ids.pub1]);
    expect((await get("/articles?section=monde")).body.data.map((a: { id: string }) => a.id)).toEqual([ids.pub1, ids.pub0]);
    expect((await get("/articles?tag=etiquette-secrete")).body.data).toEqual([]);
    expect((await get("/articles?author=nobody")).body.data).toEqual([]);
    const since = await get("/articles?updated_since=2026-01-04T00:00:00Z");
    expect(since.body.data.map((a: { id: string }) => a.id)).toEqual([ids.pub4, ids.pub3]);
    const authors = await get("/authors");
    expect(authors.body.data).toHaveLength(1);
    const byClaire = await get(`/articles?author=${authors.body.data[0].slug}&limit=100`);
    expect(byClaire.body.data).toHaveLength(5);
  });

  it("answers a malformed parameter with a 400 naming it", async () => {
    for (const [query, parameter] of [
      ["updated_since=yesterday", "updated_since"],
      // Days the calendar does not have are refused, not rolled over into the next month.
      ["updated_since=2026-02-30T00:00:00Z", "updated_since"],
      ["updated_since=2026-11-31", "updated_since"],
      ["updated_since=2025-02-29T10:00:00%2B01:00", "updated_since"],
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["cursor=%%%", "cursor"],
      ["cursor=eyJ4IjoxfQ", "cursor"],
    ]) {
      const r = await get(`/articles?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error).toMatchObject({ code: "invalid_parameter", parameter });
    }
  });

  it("sends an ETag, answers 304 to a matching If-None-Match, and sets Cache-Control and CORS", async () => {
    const r = await get("/sections");
    expect(r.body.data).toEqual([{ name: "Monde", slug: "monde", url: "http://localhost/sections/monde", position: 1 }]);
    const etag = r.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect(r.headers.get("cache-control")).toContain("max-age=60");
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    const again = await get("/sections", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await get("/sections", { headers: { "if-none-match": '"other"' } })).status).toBe(200);
  });

  it("refuses a missing, wrong or revoked key with 401 and a clear message", async () => {
    const none = await get("/articles", { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error.message).toMatch(/Authorization: Bearer/);
    const wrong = await get("/articles", { key: "nrk_not-a-real-key" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_key");
    const other = await createApiKey(t.db, cast.admin, { name: "Partenaire" });
    if (!other.ok) throw new Error();
    expect((await get("/tags", { key: other.key })).status).toBe(200);
    expect(await revokeApiKey(t.db, cast.admin, other.id)).toEqual({ ok: true });
    const revoked = await get("/tags", { key: other.key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error).toMatchObject({ code: "revoked_key", message: expect.stringMatching(/revoked/) });
  });

  it("counts a request without waiting for the disk, for that statement's transaction only", async () => {
    const k = await createApiKey(t.db, cast.admin, { name: "Sans attente" });
    if (!k.ok) throw new Error();
    const setting = async (db: Tx) => rowsOf<{ s: string }>(await db.execute(sql`select current_setting('synchronous_commit') as s`))[0].s;
    // Inside a transaction (to look before the commit): the count's statement turned the flush wait off…
    await t.db
      .transaction(async (tx) => {
        expect(await checkApiKey(tx, `Bearer ${k.key}`)).toMatchObject({ ok: true });
        expect(await setting(tx)).toBe("off");
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    // …and nothing else: the next transaction (articles, revisions) waits for its flush as before.
    expect(await checkApiKey(t.db, `Bearer ${k.key}`)).toMatchObject({ ok: true });
    expect(await setting(t.db)).toBe("on");
  });

  it("limits each key per minute with 429 and Retry-After", async () => {
    const saved = process.env.API_RATE_LIMIT;
    process.env.API_RATE_LIMIT = "3";
    try {
      const k = await createApiKey(t.db, cast.admin, { name: "Limité" });
      if (!k.ok) throw new Error();
      for (let i = 0; i < 3; i++) expect((await get("/sections", { key: k.key })).status).toBe(200);
      const over = await get("/sections", { key: k.key });
      expect(over.status).toBe(429);
      const retry = Number(over.headers.get("retry-after"));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(60);
      // Another key has its own count.
      const fresh = await createApiKey(t.db, cast.admin, { name: "Autre" });
      if (!fresh.ok) throw new Error();
      expect((await get("/sections", { key: fresh.key })).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.API_RATE_LIMIT;
      else process.env.API_RATE_LIMIT = saved;
    }
  });

  it("keeps an answer for the current public generation and reads again once the public site changed", async () => {
    const cache = responseCache(1024 * 1024);
    let reads = 0;
    const counting: Handler = async (...args) => {
      reads++;
      return listArticles(...args);
    };
    const ask = async (k = key) =>
      serveApi(t.db, new Request("http://localhost/api/v1/articles?limit=100", { headers: { authorization: `Bearer ${k}` } }), counting, cache);
    const first = await (await ask()).json();
    const second = await ask();
    expect(reads).toBe(1);
    expect(await second.json()).toEqual(first);
    expect(second.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
    // A revoked key is refused even though the answer is kept.
    const other = await createApiKey(t.db, cast.admin, { name: "Révoquée" });
    if (!other.ok) throw new Error(other.message);
    await revokeApiKey(t.db, cast.admin, other.id);
    expect((await ask(other.key)).status).toBe(401);
    // Publishing changes the public generation: the next request reads, and sees the new article.
    const fresh = await publish("Publié après la mise en cache", { at: new Date(Date.UTC(2026, 0, 20)) });
    const after = await (await ask()).json();
    expect(reads).toBeGreaterThan(1);
    expect(after.data[0].id).toBe(fresh.id);
    // Unpublishing it again: gone on the next request.
    await t.db.update(articles).set({ status: "unpublished" }).where(eq(articles.id, fresh.id));
    const gone = await (await ask()).json();
    expect(gone.data.map((a: { id: string }) => a.id)).not.toContain(fresh.id);
  });

  it("reads while the key is checked, but a refused key gets its refusal, never the answer or its failure", async () => {
    let reads = 0;
    const failing: Handler = async () => {
      reads++;
      throw new Error("database unavailable");
    };
    const answer: Handler = async () => {
      reads++;
      return jsonBody({ data: "SECRET-ANSWER" });
    };
    const call = (handler: Handler, authorization?: string) =>
      serveApi(t.db, new Request("http://localhost/api/v1/articles", { headers: authorization ? { authorization } : {} }), handler, null);
    const wrong = await call(failing, "Bearer nrk_wrong");
    expect(wrong.status).toBe(401);
    expect(reads).toBe(1);
    const refused = await call(answer, "Bearer nrk_wrong");
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("SECRET-ANSWER");
    // Without a key nothing is read at all.
    expect((await call(answer)).status).toBe(401);
    expect((await call(answer, "Basic abc")).status).toBe(401);
    expect(reads).toBe(2);
    // With a good key the handler's failure is the request's.
    await expect(call(failing, `Bearer ${key}`)).rejects.toThrow("database unavailable");
    expect(await (await call(answer, `Bearer ${key}`)).json()).toEqual({ data: "SECRET-ANSWER" });
  });

  it("lists each article's live byline in its order, co-authors included, in the article's own statement", async () => {
    // Yanis goes on pub1's live byline before Claire (as a publication of a byline change does).
    await t.db.update(publishedArticleAuthors).set({ position: 1 }).where(eq(publishedArticleAuthors.articleId, ids.pub1));
    await t.db.insert(publishedArticleAuthors).values({ articleId: ids.pub1, userId: cast.yanis.id, position: 0 });
    const r = await get("/articles?limit=100");
    const pub1 = r.body.data.find((a: { id: string }) => a.id === ids.pub1);
    expect(pub1.authors.map((a: { name: string }) => a.name)).toEqual(["Yanis api-", "Claire api-"]);
    const pub2 = r.body.data.find((a: { id: string }) => a.id === ids.pub2);
    expect(pub2.authors.map((a: { name: string }) => a.name)).toEqual(["Claire api-"]);
  });
});

describe(`Content API through the production server's own door (node.ts, ${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  let server: Server;
  let base = "";
  const PASSED_ON = 599;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const answering = serveContentApi(req, res, async () => t.db);
      if (!answering) {
        res.writeHead(PASSED_ON);
        res.end();
        return;
      }
      answering.catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** Raw HTTP (no automatic decompression): status, headers and the body as sent. */
  const raw = (path: string, opts: { method?: string; headers?: Record<string, string> } = {}) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const r = httpRequest(`${base}/api/v1${path}`, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      r.on("error", reject);
      r.end();
    });
  const keyed = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...extra });

  it("answers every route as Next's route files do: same status, same JSON, same API headers", async () => {
    const slug = (await get("/articles?limit=1")).body.data[0].slug as string;
    for (const path of [
      "/articles?limit=100",
      `/articles/${encodeURIComponent(slug)}`,
      "/authors",
      "/tags?limit=1",
      "/sections",
      "/openapi.json",
      "/articles/nope",
      "/articles?limit=0",
    ]) {
      const viaNext = await apiResponse(new Request(`http://127.0.0.1/api/v1${path}`, { headers: keyed() }), async () => t.db);
      const direct = await raw(path, { headers: keyed({ host: "127.0.0.1" }) });
      expect(direct.status, path).toBe(viaNext.status);
      const body: unknown = JSON.parse(direct.body.toString("utf8"));
      expect(body, path).toEqual(await viaNext.json());
      const described = new URL(path, "http://x").pathname.replace(/^\/articles\/[^/]+$/, "/articles/{slug}");
      if (described !== "/openapi.json") expectMatchesOpenApi(described, direct.status, body);
      for (const name of ["access-control-allow-origin", "cache-control", "etag", "x-ratelimit-limit", "content-type"])
        expect(direct.headers[name] !== undefined, `${path} ${name}`).toBe(viaNext.headers.get(name) !== null);
      expect(direct.headers.etag, path).toBe(viaNext.headers.get("etag") ?? undefined);
      // What next.config.js adds to Next's answers, this door adds too.
      expect(direct.headers["x-frame-options"], path).toBe("DENY");
      expect(direct.headers["x-content-type-options"], path).toBe("nosniff");
    }
  });

  it("sends JSON gzipped to clients that ask for it, and as it is to the others", async () => {
    const plain = await raw("/articles?limit=100", { headers: keyed() });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    for (const accept of ["gzip, deflate, br", "br;q=1, gzip;q=0.5"]) {
      const zipped = await raw("/articles?limit=100", { headers: keyed({ "accept-encoding": accept }) });
      expect(zipped.headers["content-encoding"], accept).toBe("gzip");
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      expect(gunzipSync(zipped.body).toString("utf8")).toBe(plain.body.toString("utf8"));
    }
    expect((await raw("/articles?limit=100", { headers: keyed({ "accept-encoding": "gzip;q=0, identity" }) })).headers["content-encoding"]).toBeUndefined();
    const description = await raw("/openapi.json", { headers: { "accept-encoding": "gzip" } });
    expect(description.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(description.body).toString("utf8")).openapi).toBe("3.1.0");
    // A small answer goes as it is.
    expect((await raw("/tags?limit=1", { headers: keyed({ "accept-encoding": "gzip" }) })).headers["content-encoding"]).toBeUndefined();
  });

  it("answers 304 to a client that has the answer, HEAD without a body, and the CORS preflight", async () => {
    const first = await raw("/sections", { headers: keyed() });
    const again = await raw("/sections", { headers: keyed({ "if-none-match": String(first.headers.etag) }) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await raw("/sections", { method: "HEAD", headers: keyed() });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const pre = await raw("/articles", { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "GET" } });
    expect(pre.status).toBe(204);
    expect(pre.headers["access-control-allow-methods"]).toContain("GET");
    const refused = await raw("/articles");
    expect(refused.status).toBe(401);
    expect(refused.headers["www-authenticate"]).toContain("Bearer");
  });

  it("answers a path that names no route with a JSON 404 (CORS included), not the site's HTML page", async () => {
    for (const path of ["/nothing", "/articles/a/b", "/toString", "/authors/x"]) {
      const r = await raw(path, { headers: keyed() });
      expect(r.status, path).toBe(404);
      expect(r.headers["content-type"], path).toMatch(/^application\/json/);
      expect(r.headers["access-control-allow-origin"], path).toBe("*");
      expect(JSON.parse(r.body.toString()), path).toMatchObject({ error: { code: "not_found" } });
    }
  });

  it("passes on what it does not answer: a route's path with a trailing slash (Next redirects it), other methods", async () => {
    for (const [method, path] of [
      ["GET", "/articles/"],
      ["POST", "/articles"],
      ["DELETE", "/articles/x"],
    ] as const)
      expect((await raw(path, { method, headers: keyed() })).status, `${method} ${path}`).toBe(PASSED_ON);
  });
});
