/**
 * The database goes away under a live session, clients keep typing, the database comes back: the
 * stored body must end up with every typed marker, with nothing lost and no crash (an unhandled
 * rejection fails the run). How the database fails:
 * - PostgreSQL: the collaboration server reaches it through a TCP relay on loopback; the outage
 *   cuts every relayed connection and refuses new ones (what a restart or a network cut does to
 *   postgres-js). The test's own handle goes direct, to read what was stored.
 * - PGlite (in-process, no connection to lose): every call on the server's handle throws, as the
 *   driver does when its database is unreachable.
 */
import { createServer, Socket, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDb, type Db, type Handle } from "@/db";
import { bodyText } from "@/lib/rich-text/body";
import { connectClient, startCollab, ticketFor, typeInto, until, type Client, type RunningCollab } from "@/testing/collab";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

const engine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "pglite";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A database the test can take down and bring back. */
type Faulty = { db: Db; down: () => Promise<void>; up: () => void; close: () => Promise<void> };

/** PostgreSQL behind a loopback relay whose outage drops every connection and refuses new ones. */
async function relayedPostgres(url: string): Promise<Faulty> {
  const target = new URL(url);
  const pairs = new Set<[Socket, Socket]>();
  let out = false;
  const relay: Server = createServer((client) => {
    if (out) return void client.destroy();
    const upstream = new Socket();
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    upstream.connect(Number(target.port || 5432), target.hostname, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const relayed = new URL(url);
  relayed.host = `127.0.0.1:${(relay.address() as AddressInfo).port}`;
  const handle: Handle = await openDb({ databaseUrl: relayed.toString(), migrate: false, max: 3 });
  return {
    db: handle.db,
    down: async () => {
      out = true;
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    up: () => void (out = false),
    close: async () => {
      await handle.close();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

/** The in-process database behind a switch: while it is off, every call fails like an unreachable driver. */
function switchedPglite(db: Db): Faulty {
  let out = false;
  const fail = () => {
    throw Object.assign(new Error("connect ECONNREFUSED (database outage in test)"), { code: "ECONNREFUSED" });
  };
  const wrapped = new Proxy(db, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (out) fail();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: wrapped, down: async () => void (out = true), up: () => void (out = false), close: async () => undefined };
}

let t: TestDb;
let cast: Cast;
let faulty: Faulty;
let server: RunningCollab;
const clients: Client[] = [];
const open = (articleId: string, user: { id: string }) => {
  const c = connectClient(server.url, articleId, ticketFor(user, articleId));
  clients.push(c);
  return c;
};
const synced = (c: Client) => until(() => c.provider.isSynced, 15_000, "sync");
const storedText = async (id: string) => bodyText((await articleRow(t.db, id)).body);
const missing = async (id: string, markers: string[]) => {
  const text = await storedText(id);
  return markers.filter((m) => !text.includes(m));
};

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "outage-");
  faulty = engine === "postgres" ? await relayedPostgres(t.url!) : switchedPglite(t.db);
  server = await startCollab(faulty.db as never);
}, 60_000);
afterAll(async () => {
  faulty?.up();
  for (const c of clients) c.destroy();
  await server?.stop();
  await faulty?.close();
  await t?.drop();
});

/** Each client types `[who-n]` markers, one every `everyMs`, until `stop` says so; returns what it typed. */
function typist(c: Client, who: string, everyMs: number) {
  const typed: string[] = [];
  let running = true;
  const done = (async () => {
    for (let n = 0; running; n++) {
      const marker = `[${who}-${n}]`;
      typeInto(c.doc, ` ${marker}`);
      typed.push(marker);
      await sleep(everyMs);
    }
  })();
  return {
    typed,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe(`database outage during a live session (${engine})`, () => {
  it("clients keep typing through the outage, then stop: once the database is back, every marker is stored", { timeout: 90_000 }, async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const claire = open(a.id, cast.claire);
    const desk = open(a.id, cast.editor);
    await Promise.all([synced(claire), synced(desk)]);

    const typists = [typist(claire, "claire", 60), typist(desk, "desk", 80)];
    await sleep(600);
    await until(async () => (await storedText(a.id)).includes("[claire-0]"), 15_000, "a store before the outage");
    await faulty.down();
    await sleep(2_000); // debounced stores fail in here, again and again
    for (const ty of typists) await ty.stop(); // typing stops while the database is still out
    await sleep(500);
    faulty.up();

    const markers = typists.flatMap((ty) => ty.typed);
    expect(markers.length).toBeGreaterThan(20);
    // Both clients still hold everything (the sync itself never needed the database)…
    await until(() => markers.every((m) => claire.text().includes(m) && desk.text().includes(m)), 15_000, "clients converge");
    expect(claire.text()).toBe(desk.text());
    // …and the server stores it without anyone typing again.
    await until(
      async () => (await missing(a.id, markers)).length === 0,
      20_000,
      `stored after the outage (missing: ${(await missing(a.id, markers)).join(" ")})`,
    );
    expect(await storedText(a.id)).toBe(claire.text());
  });

  it("everyone leaves while the database is out: the document is kept and stored when it is back", { timeout: 90_000 }, async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const claire = open(a.id, cast.claire);
    await synced(claire);
    typeInto(claire.doc, " [avant]");
    await until(async () => (await storedText(a.id)).includes("[avant]"), 15_000, "a store before the outage");
    await faulty.down();
    const ty = typist(claire, "seule", 50);
    await sleep(800);
    await ty.stop();
    await until(() => claire.provider.unsyncedChanges === 0, 10_000, "the server has every update");
    // The last client leaves during the outage: the store on last disconnect fails.
    claire.destroy();
    await sleep(1_000);
    faulty.up();
    await until(
      async () => (await missing(a.id, ty.typed)).length === 0,
      20_000,
      `stored after the outage (missing: ${(await missing(a.id, ty.typed)).join(" ")})`,
    );
    // And a client that opens the article again finds all of it.
    const back = open(a.id, cast.claire);
    await synced(back);
    for (const m of ["[avant]", ...ty.typed]) expect(back.text()).toContain(m);
  });
});
