import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

import { getCollabSource } from "@/db/queries/collab";
import { articles, users } from "@/db/schema";
import { bodyText, docFromParagraphs } from "@/lib/rich-text/body";
import { connectClient, fragmentText, startCollab, ticketFor, typeInto, until, type Client, type RunningCollab } from "@/testing/collab";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

let t: TestDb;
let cast: Cast;
let server: RunningCollab;
const clients: Client[] = [];
const open = (articleId: string, token: string, name?: string) => {
  const c = connectClient(server.url, articleId, token, name);
  clients.push(c);
  return c;
};
const synced = (c: Client) => until(() => c.provider.isSynced, 10_000, "sync");
const storedText = async (id: string) => bodyText((await articleRow(t.db, id)).body);

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "collab-");
  server = await startCollab(t.db);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
  await t?.drop();
});

describe("live body", () => {
  it("starts from the saved body, carries each side's typing to the other and stores Yjs state plus validated JSON", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const claire = open(a.id, ticketFor(cast.claire, a.id));
    const editor = open(a.id, ticketFor(cast.editor, a.id));
    await Promise.all([synced(claire), synced(editor)]);
    expect(claire.text()).toContain("Premier paragraphe");
    typeInto(claire.doc, " [claire]");
    typeInto(editor.doc, " [desk]");
    await until(() => claire.text() === editor.text() && claire.text().includes("[desk]") && editor.text().includes("[claire]"), 10_000, "convergence");
    await until(async () => (await storedText(a.id)).includes("[claire]") && (await storedText(a.id)).includes("[desk]"), 10_000, "store");
    const src = await getCollabSource({ db: t.db, articleId: a.id });
    expect(src?.state?.byteLength).toBeGreaterThan(0);
    expect(src?.stateBodyHash).toBe(src?.bodyHash);
    // The version-checked path's version does not move with live typing.
    expect((await articleRow(t.db, a.id)).version).toBe(a.version);
  });

  it("replaces the live body when the working copy is changed outside the session (a restore)", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const claire = open(a.id, ticketFor(cast.claire, a.id));
    await synced(claire);
    typeInto(claire.doc, " avant");
    await until(async () => (await storedText(a.id)).includes("avant"), 10_000, "store");
    await t.db
      .update(articles)
      .set({ body: docFromParagraphs(["Texte restauré."]), version: a.version + 1 })
      .where(eq(articles.id, a.id));
    await until(() => claire.text() === "Texte restauré.", 10_000, "restored body live");
  });

  it("keeps what a client typed while the server was down: it resends on reconnect", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const c = open(a.id, ticketFor(cast.claire, a.id));
    await synced(c);
    const port = server.port;
    await server.stop();
    typeInto(c.doc, " hors-ligne");
    server = await startCollab(t.db, {}, port);
    await until(async () => (await storedText(a.id)).includes("hors-ligne"), 15_000, "resent and stored");
  });
});

describe("refusals", () => {
  it("refuses a bad document name, a forged, expired or other-article ticket, and a deactivated user", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const b = await makeArticle(t.db, cast.claire.id);
    const good = ticketFor(cast.claire, a.id);
    const cases = [
      open(a.id, good, "article:not-a-uuid"),
      open(a.id, good, `../../${a.id}`),
      open(a.id, `${good.slice(0, -2)}xx`),
      open(a.id, ticketFor(cast.claire, a.id, 1, Date.now() - 3_600_000)),
      open(b.id, good),
      open(a.id, ticketFor(cast.claire, a.id, 99)),
      open(a.id, ticketFor(cast.yanis, a.id)),
    ];
    await until(() => cases.every((c) => c.events.authFailed.length > 0), 10_000, "every refusal");
    for (const c of cases) expect(c.provider.isSynced).toBe(false);
  });

  it("drops the writes of someone who may only read, and stores nothing of them", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await t.db.update(articles).set({ status: "in_review" }).where(eq(articles.id, a.id));
    const claire = open(a.id, ticketFor(cast.claire, a.id));
    const editor = open(a.id, ticketFor(cast.editor, a.id));
    await Promise.all([synced(claire), synced(editor)]);
    typeInto(claire.doc, " [interdit]");
    typeInto(editor.doc, " [desk]");
    await until(async () => (await storedText(a.id)).includes("[desk]"), 10_000, "editor's store");
    await new Promise((r) => setTimeout(r, 400));
    expect(await storedText(a.id)).not.toContain("[interdit]");
    expect(fragmentText(editor.doc)).not.toContain("[interdit]");
  });

  it("applies a change of rights to an open connection: submit makes it read-only, deactivation closes it", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const claire = open(a.id, ticketFor(cast.claire, a.id));
    const editor = open(a.id, ticketFor(cast.editor, a.id));
    await Promise.all([synced(claire), synced(editor)]);
    await t.db.update(articles).set({ status: "in_review" }).where(eq(articles.id, a.id));
    await until(() => claire.events.stateless.some((p) => p.includes('"view"')), 5_000, "read-only notice");
    typeInto(claire.doc, " [après soumission]");
    typeInto(editor.doc, " [relu]");
    await until(async () => (await storedText(a.id)).includes("[relu]"), 10_000, "store");
    await new Promise((r) => setTimeout(r, 400));
    expect(await storedText(a.id)).not.toContain("[après soumission]");

    const yanis = open(a.id, ticketFor(cast.editor2, a.id));
    await synced(yanis);
    await t.db.update(users).set({ active: false }).where(eq(users.id, cast.editor2.id));
    await until(() => yanis.events.closes.length > 0 || yanis.events.authFailed.length > 0, 5_000, "closed on deactivation");
    await t.db.update(users).set({ active: true }).where(eq(users.id, cast.editor2.id));
  });

  it("closes a connection that sends an oversize update and stores none of it", async () => {
    const small = await startCollab(t.db, { limits: { maxUpdateBytes: 4096 } });
    try {
      const a = await makeArticle(t.db, cast.claire.id);
      const c = connectClient(small.url, a.id, ticketFor(cast.claire, a.id));
      clients.push(c);
      await until(() => c.provider.isSynced, 10_000, "sync");
      typeInto(c.doc, "x".repeat(20_000));
      await until(() => c.events.closes.length > 0, 5_000, "closed");
      await new Promise((r) => setTimeout(r, 300));
      expect(await storedText(a.id)).not.toContain("xxxxxxxx");
    } finally {
      await small.stop();
    }
  });

  it("refuses a client that tries to connect too often, counted across instances, per client address", async () => {
    // Two instances behind one load balancer, on one database: the limit is the client's, not each instance's.
    const [first, second] = [await startCollab(t.db, { limits: { attemptsPerMinute: 3 } }), await startCollab(t.db, { limits: { attemptsPerMinute: 3 } })];
    const attempt = (url: string, address: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers: { "x-test-client-address": address } });
        ws.on("open", () => (ws.close(), resolve(101)));
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("error", () => resolve(0));
      });
    try {
      const statuses: number[] = [];
      for (const server of [first, second, first, second, first]) statuses.push(await attempt(server.url, "198.51.100.7"));
      expect(statuses).toEqual([101, 101, 101, 429, 429]);
      // Another client behind the same proxy still gets in, on either instance.
      expect(await attempt(second.url, "198.51.100.8")).toBe(101);
      expect(await attempt(first.url, "2001:db8::8")).toBe(101);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
