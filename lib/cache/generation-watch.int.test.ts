import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { LISTENER_APPLICATION_NAME, queryRows, type Listener } from "@/db";
import { getPublicGeneration } from "@/db/queries/system";
import { authorProfiles } from "@/db/schema";
import { createTestDb, type TestDb } from "@/testing/db";

import { watchPublicGeneration, type GenerationWatch } from "./generation-watch";

let t: TestDb;
const watches: GenerationWatch[] = [];
beforeAll(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.close()));
});
afterAll(async () => t?.drop());

/** The database's listener, with a hook after each notification it delivers and a switch that drops them. */
function tappedListener() {
  const tap = { notified: [] as string[], next: null as null | (() => void), silent: false };
  const listener = (): Listener => {
    const real = t.listener();
    return {
      ...real,
      start: (onNotify, onLost) =>
        real.start((channel, payload) => {
          if (tap.silent) return;
          onNotify(channel, payload);
          tap.notified.push(payload);
          tap.next?.();
        }, onLost),
    };
  };
  const nextNotification = () => new Promise<void>((resolve) => (tap.next = resolve));
  return { tap, listener, nextNotification };
}

async function until(check: () => boolean, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A change readers can see (an author profile), which bumps the generation in its transaction. */
const change = (bio: string) => t.db.update(authorProfiles).set({ bio });

describe("public generation pushed by the database (LISTEN/NOTIFY)", () => {
  it("knows a change as soon as its notification arrives, with no read of its own", async () => {
    const { tap, listener, nextNotification } = tappedListener();
    const w = watchPublicGeneration({ listener, windowMs: 60_000 });
    watches.push(w);
    await until(() => w.state === "listening", "the watch to listen");
    const before = await getPublicGeneration({ db: t.db });
    expect(w.peek()).toBe(before);

    const notified = nextNotification();
    await change("Bio 1");
    await notified;
    // The next request after the notification sees the new generation.
    expect(w.peek()).toBe(await getPublicGeneration({ db: t.db }));
    expect(w.peek()).toBeGreaterThan(before);
    expect(tap.notified.at(-1)).toBe(String(w.peek()));
  });

  it("announces each new generation it learns (not the first it reads), for the page cache's refresh-ahead", async () => {
    const { listener, nextNotification } = tappedListener();
    const announced: number[] = [];
    const w = watchPublicGeneration({ listener, windowMs: 60_000, onChange: (g) => announced.push(g) });
    watches.push(w);
    await until(() => w.state === "listening", "the watch to listen");
    expect(announced).toEqual([]);
    const notified = nextNotification();
    await change("Bio announced");
    await notified;
    expect(announced).toEqual([await getPublicGeneration({ db: t.db })]);
  });

  it("vouches for nothing between invalidate() and a read that started after it", async () => {
    const { listener } = tappedListener();
    let clock = 0;
    const w = watchPublicGeneration({ listener, windowMs: 60_000, now: () => clock });
    watches.push(w);
    await until(() => w.state === "listening", "the watch to listen");
    clock = 10;
    w.invalidate();
    expect(w.peek()).toBeNull();
    await until(() => w.peek() !== null, "the read after invalidate()");
    expect(w.peek()).toBe(await getPublicGeneration({ db: t.db }));
  });

  it("stops vouching once the freshness window passes without a read, so a silent loss is bounded", async () => {
    const { tap, listener } = tappedListener();
    let clock = 0;
    const w = watchPublicGeneration({ listener, windowMs: 60_000, now: () => clock });
    watches.push(w);
    await until(() => w.state === "listening", "the watch to listen");
    const before = w.peek();
    expect(before).not.toBeNull();
    // Notifications stop arriving (a connection dead without a close) while readers' pages change.
    tap.silent = true;
    await change("Bio silent");
    clock = 60_000; // still inside the window: the old value is vouched for, at most this long
    expect(w.peek()).toBe(before);
    clock = 60_001; // past it: no value, so the page cache reads the database per request
    expect(w.peek()).toBeNull();
  });

  it.runIf(process.env.TEST_ENGINE === "postgres")("falls back to reads when the LISTEN connection is lost, and catches up when it is back", async () => {
    const { listener } = tappedListener();
    const states: string[] = [];
    const w = watchPublicGeneration({ listener, windowMs: 60_000, retryMs: 100, onState: (s) => states.push(s) });
    watches.push(w);
    await until(() => w.state === "listening", "the watch to listen");
    const [{ pid }] = await queryRows<{ pid: number }>(
      t.db,
      sql`select pid from pg_stat_activity where datname = current_database() and application_name = ${LISTENER_APPLICATION_NAME}`,
    );
    await queryRows(t.db, sql`select pg_terminate_backend(${pid})`);
    await until(() => w.state === "lost", "the loss to be noticed");
    expect(w.peek()).toBeNull();
    // Changed while nobody listened: no notification will ever say so.
    await change("Bio while lost");
    const current = await getPublicGeneration({ db: t.db });
    await until(() => w.state === "listening", "the watch to listen again");
    expect(w.peek()).toBe(current);
    expect(states).toEqual(["listening", "lost", "listening"]);
  });
});
