/**
 * Randomised convergence (seeded: COLLAB_SEED to replay): 4 clients type and delete at random
 * places with random disconnects, the server restarts once in the middle; at the end every client
 * and the stored body hold the same text, and every typed marker is there or was deleted by
 * someone. Then two servers joined by Redis serve one document to a client each.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";

import { bodyText } from "@/lib/rich-text/body";
import { connectClient, fragmentText, startCollab, ticketFor, until, type Client, type RunningCollab } from "@/testing/collab";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

const SEED = Number(process.env.COLLAB_SEED ?? 20261129);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether a Redis server answers: on a newcomer's machine without one the Redis test is skipped (said aloud); under CI=true it must run. */
async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => done(d.toString().startsWith("+PONG")));
  });
}
const withRedis = process.env.CI === "true" || (await redisAnswers(REDIS_URL));
if (!withRedis) console.warn(`No Redis at ${REDIS_URL}: the two-instance co-editing test is skipped (CI runs it).`);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let t: TestDb;
let cast: Cast;
const clients: Client[] = [];
const servers: RunningCollab[] = [];
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "converge-");
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of servers) await s.stop().catch(() => undefined);
  await t?.drop();
});

/** The text nodes of every paragraph, in order. */
const texts = (doc: Y.Doc) =>
  doc
    .getXmlFragment("default")
    .toArray()
    .flatMap((p) => (p instanceof Y.XmlElement ? p.toArray().filter((x): x is Y.XmlText => x instanceof Y.XmlText) : []));

describe(`randomised convergence (seed ${SEED})`, () => {
  it("4 clients, random edits and disconnects, a server restart: identical documents, equal to the stored body, no marker lost", async () => {
    const random = rng(SEED);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const a = await makeArticle(t.db, cast.claire.id);
    let server = await startCollab(t.db);
    servers.push(server);
    const users = [cast.claire, cast.editor, cast.editor2, cast.admin];
    const cs = users.map((u) => connectClient(server.url, a.id, ticketFor(u, a.id)));
    clients.push(...cs);
    await until(() => cs.every((c) => c.provider.isSynced), 15_000, "first sync");

    const typed: string[] = [];
    const deleted = new Set<string>();
    const offline = new Set<number>();
    for (let step = 0; step < 160; step++) {
      const i = Math.floor(random() * cs.length);
      const c = cs[i];
      const r = random();
      if (step === 80) {
        const port = server.port;
        await server.stop();
        server = await startCollab(t.db, {}, port);
        servers.push(server);
      } else if (r < 0.08) {
        if (offline.has(i)) {
          offline.delete(i);
          void c.socket.connect();
        } else {
          offline.add(i);
          c.socket.disconnect();
        }
      } else if (r < 0.22) {
        // Delete one whole marker this client sees (so "deleted by someone" is exact).
        const nodes = texts(c.doc);
        const candidates = nodes.flatMap((node) => [...node.toString().matchAll(/⟨[^⟩]+⟩/g)].map((m) => ({ node, at: m.index!, marker: m[0] })));
        if (candidates.length) {
          const d = pick(candidates);
          c.doc.transact(() => d.node.delete(d.at, d.marker.length));
          deleted.add(d.marker);
        }
      } else if (r < 0.3) {
        c.doc.transact(() => {
          const p = new Y.XmlElement("paragraph");
          p.insert(0, [new Y.XmlText()]);
          const fragment = c.doc.getXmlFragment("default");
          fragment.insert(Math.floor(random() * (fragment.length + 1)), [p]);
        });
      } else {
        const nodes = texts(c.doc);
        const node = pick(nodes);
        const marker = `⟨${i}-${step}⟩`;
        const at = Math.floor(random() * (node.length + 1));
        // Never inside another marker: move to the end of the one it would split.
        const s = node.toString();
        const open = s.lastIndexOf("⟨", at - 1);
        const safe = open !== -1 && s.indexOf("⟩", open) >= at ? s.indexOf("⟩", open) + 1 : at;
        c.doc.transact(() => node.insert(safe, marker));
        typed.push(marker);
      }
      if (random() < 0.3) await new Promise((res) => setTimeout(res, 10));
    }
    // Back online (a connect asked for while a disconnect is still settling can be lost: ask again).
    await until(
      () => {
        for (const c of cs) if (c.socket.status === "disconnected") void c.socket.connect().catch(() => undefined);
        return cs.every((c) => c.provider.isSynced && !c.provider.hasUnsyncedChanges);
      },
      30_000,
      "all synced",
    ).catch((error: Error) => {
      const states = cs.map((c, i) => ({
        i,
        status: c.socket.status,
        synced: c.provider.isSynced,
        unsynced: c.provider.unsyncedChanges,
        offline: offline.has(i),
      }));
      throw new Error(`${error.message}: ${JSON.stringify(states)}`);
    });
    await until(() => new Set(cs.map((c) => fragmentText(c.doc))).size === 1, 30_000, "identical documents");
    const final = fragmentText(cs[0].doc);
    for (const m of typed) if (!deleted.has(m)) expect(final, `marker ${m}`).toContain(m);
    for (const m of deleted) expect(final).not.toContain(m);
    const norm = (s: string) => s.replace(/\s+/g, "");
    await until(async () => norm(bodyText((await articleRow(t.db, a.id)).body)) === norm(final), 15_000, "stored body equal to the live one");
    expect(typed.length).toBeGreaterThan(50);
  });
});

describe.runIf(withRedis)("two instances joined by Redis", () => {
  it("a client on each converges", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const one = await startCollab(t.db, { redisUrl: REDIS_URL });
    const two = await startCollab(t.db, { redisUrl: REDIS_URL });
    servers.push(one, two);
    const c1 = connectClient(one.url, a.id, ticketFor(cast.claire, a.id));
    const c2 = connectClient(two.url, a.id, ticketFor(cast.editor, a.id));
    clients.push(c1, c2);
    await until(() => c1.provider.isSynced && c2.provider.isSynced, 15_000, "sync");
    const [n1] = texts(c1.doc);
    const [n2] = texts(c2.doc);
    n1.insert(0, "[un] ");
    n2.insert(n2.length, " [deux]");
    await until(
      () => fragmentText(c1.doc) === fragmentText(c2.doc) && fragmentText(c1.doc).includes("[un]") && fragmentText(c1.doc).includes("[deux]"),
      15_000,
      "convergence",
    );
    // The seed was written once, not once per instance.
    expect(fragmentText(c1.doc).match(/Premier paragraphe/g)).toHaveLength(1);
  });
});
