/**
 * Co-editing (issue 13, "Measure"), on the built app with PostgreSQL:
 * 1. A 10,000-word article (created with the app's own createArticle) edited by 10 collaborators
 *    for TYPING_SECONDS: two Chromium pages in the live editor (Claire at the start, Marc at the
 *    end, each typing ~5 keys/s through the keyboard) and 8 simulated Yjs clients over WebSockets
 *    (each ~5 insertions/s at random places of its own paragraph).
 *    - remote keystroke → visible: markers typed in page A (`QZ<n>Q`, timed from the keydown of
 *      the last character) and by the Yjs clients (`YZ<c>_<n>Y`, one insertion), timed until a
 *      MutationObserver in the other page(s) sees them in the ProseMirror DOM. Times are
 *      `performance.timeOrigin + now()` in each page (and in Node for the Yjs clients): pages of
 *      one browser share the clock; Node's and the browser's both follow the system clock.
 *    - local keystroke: keydown → the next mutation of the page's own editor DOM (and → the next
 *      animation frame), as the editor bench measures it, with everyone else typing meanwhile.
 *    - server CPU per 1,000 updates: utime+stime of the app's process (/proc/<pid>/stat) over the
 *      typing window ÷ the updates sent (every keystroke and every simulated insertion).
 * 2. 50 documents open at once, each with 2 Yjs clients (documents multiplexed, five per socket):
 *    RSS of the app's process before and after opening them (÷ 50: memory per open document,
 *    connections included), then each client inserts a marker every second: sync latency to the
 *    other client (p50/p95), server CPU per 1,000 updates, and whether every pair converged
 *    (identical text with every marker) and the stored bodies hold every marker once everyone left.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { inArray } from "drizzle-orm";

import { openDb } from "@/db";
import { articles, users } from "@/db/schema";
import { createArticle } from "@/lib/articles/store";
import { bodyText, docFromParagraphs } from "@/lib/rich-text/body";

import { ACCOUNTS } from "../../e2e/fixtures";
import { percentile, signedIn } from "./browser";
import { docText, epochNow, insertText, openSocket, paragraphText, simClient, within, type BenchUser, type SimClient } from "./collab-clients";
import { longBodyHtml } from "./editor";
import { startPageProfile } from "./page-profile";

const TYPING_SECONDS = Number(process.env.BENCH_COLLAB_SECONDS || 25);
const SIMULATED = 8;
const KEYS_PER_SECOND = 5;
const DOCUMENTS = 50;
const EDIT_SECONDS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type CollabResult = {
  words: number;
  collaborators: { browsers: number; simulated: number };
  typingSeconds: number;
  loadBefore: string;
  loadAfter: string;
  remote: { pageToPage: Latency; yjsToPage: Latency; missing: number };
  local: { keystrokes: number; domP50Ms: number; domP95Ms: number; frameP50Ms: number; frameP95Ms: number };
  updates: number;
  cpuMsPer1000Updates: number;
  idleCpuMsPerSecond: number;
  many: {
    documents: number;
    wordsEach: number;
    rssBeforeMb: number;
    rssAfterMb: number;
    mbPerDocument: number;
    openSeconds: number;
    sync: Latency;
    updates: number;
    cpuMsPer1000Updates: number;
    converged: number;
    stored: number;
  };
};
type Latency = { n: number; p50Ms: number; p95Ms: number; maxMs: number };

const latency = (xs: number[]): Latency => ({ n: xs.length, p50Ms: percentile(xs, 50), p95Ms: percentile(xs, 95), maxMs: xs.length ? Math.max(...xs) : NaN });

const TICK_MS = 1000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);
/** User + system CPU of a process so far, in ms (all threads). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
}
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" / ");

function paragraphsOf(words: number, perParagraph = 100): string[] {
  return longBodyHtml(words, perParagraph)
    .split("</p>")
    .filter(Boolean)
    .map((p) => p.replace(/^<p>/, ""));
}

/** The in-page probe: local keystroke latency, the page's own markers, and every marker seen. */
async function installProbe(page: Page) {
  // tsx (esbuild, keepNames) wraps the named functions below in a `__name` helper the page lacks.
  await page.evaluate("globalThis.__name ??= (f) => f");
  await page.evaluate(() => {
    const root = document.getElementById("article-body")!;
    const epoch = (t: number) => performance.timeOrigin + t;
    const w = window as unknown as { __collab: { dom: number[]; frame: number[]; sent: Record<string, number>; seen: Record<string, number>; keys: number } };
    w.__collab = { dom: [], frame: [], sent: {}, seen: {}, keys: 0 };
    // Only mutations of the paragraph holding the caret at the keydown count as that keystroke's:
    // the other collaborators' typing elsewhere in the document mutates the DOM meanwhile.
    let start: number | null = null;
    let startP: Element | null = null;
    let typed = "";
    window.addEventListener(
      "keydown",
      (e) => {
        start = e.timeStamp;
        const anchor = getSelection()?.anchorNode ?? null;
        startP = (anchor instanceof Element ? anchor : (anchor?.parentElement ?? null))?.closest("p") ?? null;
        w.__collab.keys++;
        typed = (typed + e.key).slice(-16);
        const m = /QZ(\d+)Q$/.exec(typed);
        if (m) w.__collab.sent[m[0]] = epoch(e.timeStamp);
      },
      { capture: true },
    );
    const markers = /(QZ\d+Q|YZ\d+_\d+Y)/g;
    new MutationObserver((records) => {
      const now = epoch(performance.now());
      const paragraphs = new Set<Element>();
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        const p = el?.closest("p");
        if (p) paragraphs.add(p);
      }
      if (start !== null && (!startP || paragraphs.has(startP) || !startP.isConnected)) {
        const t0 = start;
        start = null;
        w.__collab.dom.push(performance.now() - t0);
        requestAnimationFrame(() => w.__collab.frame.push(performance.now() - t0));
      }
      for (const p of paragraphs) for (const m of (p.textContent ?? "").matchAll(markers)) w.__collab.seen[m[0]] ??= now;
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}

type Probe = { dom: number[]; frame: number[]; sent: Record<string, number>; seen: Record<string, number>; keys: number };
const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { __collab: Probe }).__collab);

async function openLive(page: Page, articleId: string, firstWords: string) {
  await page.goto(`/newsroom/articles/${articleId}`);
  await page.getByRole("textbox", { name: "Body", exact: true }).filter({ hasText: firstWords }).waitFor({ timeout: 90_000 });
}

/** Types `text` into the focused editor at `perSecond` keys per second until `until`. */
async function typeLoop(page: Page, chunks: (n: number) => string, until: number) {
  const gap = 1000 / KEYS_PER_SECOND;
  let next = performance.now();
  for (let n = 0; performance.now() < until; n++) {
    for (const ch of chunks(n)) {
      if (performance.now() >= until) return;
      await page.keyboard.type(ch, { delay: 0 });
      next += gap;
      await sleep(Math.max(0, next - performance.now()));
    }
  }
}

export async function benchCollab(browser: Browser, o: { origin: string; databaseUrl: string; pid: number; secret: string }): Promise<CollabResult> {
  const handle = await openDb({ databaseUrl: o.databaseUrl, migrate: false, max: 2 });
  const sockets: ReturnType<typeof openSocket>[] = [];
  const clients: SimClient[] = [];
  const wsUrl = `${o.origin.replace(/^http/, "ws")}/collab`;
  const pages: Page[] = [];
  try {
    const db = handle.db;
    const people = await db
      .select({ id: users.id, email: users.email, sessionVersion: users.sessionVersion })
      .from(users)
      .where(inArray(users.email, [ACCOUNTS.claire.email, ACCOUNTS.editor.email]));
    const claire = people.find((u) => u.email === ACCOUNTS.claire.email)!;
    const marc = people.find((u) => u.email === ACCOUNTS.editor.email)!;
    const simUsers: BenchUser[] = [claire, marc];

    // 1. Ten collaborators on a 10,000-word article.
    const paragraphs = paragraphsOf(10_000);
    const big = await createArticle(db, {
      createdById: claire.id,
      headline: `Bench co-édition ${Date.now().toString(36)}`,
      body: docFromParagraphs(paragraphs),
    });
    const words = bodyText(big.body).match(/\S+/g)?.length ?? 0;
    const firstWords = paragraphs[0].split(" ").slice(0, 6).join(" ");
    const pageA = await signedIn(browser, o.origin, "editor");
    const pageB = await signedIn(browser, o.origin, "claire");
    pages.push(pageA, pageB);
    await openLive(pageA, big.id, firstWords);
    await openLive(pageB, big.id, firstWords);
    // Both live: page A lists Claire (page B) among the people in the document, which it can only
    // learn through the collaboration server from page B's live session.
    await pageA.getByRole("status").filter({ hasText: ACCOUNTS.claire.name }).first().waitFor({ timeout: 90_000 });

    // A socket each: Hocuspocus multiplexes different documents over one socket, not one document
    // twice (a second provider of the same name on a socket is never answered).
    for (let i = 0; i < SIMULATED; i++) {
      sockets.push(openSocket(wsUrl));
      clients.push(simClient(sockets.at(-1)!, o.secret, simUsers[i % 2], big.id));
    }
    await within(Promise.all(clients.map((c) => c.synced)), 60_000, "the simulated collaborators' sync");
    for (const page of pages) await installProbe(page);
    await pageA.getByRole("textbox", { name: "Body", exact: true }).click();
    await pageA.keyboard.press("ControlOrMeta+End");
    await pageB.getByRole("textbox", { name: "Body", exact: true }).click();
    await pageB.keyboard.press("ControlOrMeta+Home");

    const idleStart = cpuMs(o.pid);
    await sleep(2000);
    const idleCpuMsPerSecond = (cpuMs(o.pid) - idleStart) / 2;

    const loadBefore = loadavg();
    const yjsSent = new Map<string, number>();
    let simInserts = 0;
    const profileDir = process.env.BENCH_PAGE_PROFILE;
    const profilers = profileDir ? await Promise.all(pages.map((p, i) => startPageProfile(p, `collab-page-${"ab"[i]}`, profileDir))) : [];
    const tracePath = process.env.BENCH_PAGE_TRACE;
    if (tracePath) await browser.startTracing(pageA, { path: tracePath, categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"] });
    const cpuStart = cpuMs(o.pid);
    const until = performance.now() + TYPING_SECONDS * 1000;
    const simulated = clients.map(async (c, ci) => {
      const index = 5 + ci * 11;
      const gap = 1000 / KEYS_PER_SECOND;
      await sleep(Math.random() * gap);
      let next = performance.now();
      for (let n = 0; performance.now() < until; n++) {
        const t = paragraphText(c.doc, index);
        const at = Math.floor(Math.random() * ((t?.length ?? 0) + 1));
        if (n % 5 === 4) {
          const marker = `YZ${ci}_${n}Y`;
          yjsSent.set(marker, epochNow());
          insertText(c.doc, index, ` ${marker} `, at);
        } else insertText(c.doc, index, "abcdefghijklmnopqrstuvwxyz"[n % 26], at);
        simInserts++;
        next += gap;
        await sleep(Math.max(0, next - performance.now()));
      }
    });
    await Promise.all([...simulated, typeLoop(pageA, (n) => `QZ${n}Q `, until), typeLoop(pageB, () => "et la suite ", until)]);
    await sleep(1500); // the last markers arrive
    for (const p of profilers) console.log((await p.stop()).join("\n"));
    if (tracePath) await browser.stopTracing();
    const cpuUsed = cpuMs(o.pid) - cpuStart - idleCpuMsPerSecond * 1.5;
    const [a, b] = await Promise.all([readProbe(pageA), readProbe(pageB)]);
    const loadAfter = loadavg();

    const pageToPage: number[] = [];
    let missing = 0;
    for (const [marker, t0] of Object.entries(a.sent)) {
      const t1 = b.seen[marker];
      if (t1 === undefined) missing++;
      else pageToPage.push(t1 - t0);
    }
    const yjsToPage: number[] = [];
    for (const [marker, t0] of yjsSent)
      for (const probe of [a, b]) {
        const t1 = probe.seen[marker];
        if (t1 === undefined) missing++;
        else yjsToPage.push(t1 - t0);
      }
    const updates = simInserts + a.keys + b.keys;

    for (const page of pages) await page.context().close();
    pages.length = 0;
    for (const c of clients.splice(0)) c.destroy();
    for (const s of sockets.splice(0)) s.destroy();

    // 2. Fifty documents open at once, two clients each.
    const wordsEach = 500;
    const docs = await Promise.all(
      Array.from({ length: DOCUMENTS }, (_, i) =>
        createArticle(db, {
          createdById: claire.id,
          headline: `Bench document ${i} ${Date.now().toString(36)}`,
          body: docFromParagraphs(paragraphsOf(wordsEach)),
        }),
      ),
    );
    await sleep(1500);
    const rssBeforeMb = rssMb(o.pid);
    const openStarted = performance.now();
    const pairs: [SimClient, SimClient][] = [];
    const sides = [[], []] as ReturnType<typeof openSocket>[][];
    for (const [i, d] of docs.entries()) {
      if (i % 5 === 0) for (const side of sides) side.push(openSocket(wsUrl));
      pairs.push([simClient(sides[0].at(-1)!, o.secret, claire, d.id), simClient(sides[1].at(-1)!, o.secret, marc, d.id)]);
    }
    sockets.push(...sides.flat());
    clients.push(...pairs.flat());
    await within(Promise.all(clients.map((c) => c.synced)), 90_000, `${DOCUMENTS} documents' sync`);
    const openSeconds = (performance.now() - openStarted) / 1000;
    await sleep(1500);
    const rssAfterMb = rssMb(o.pid);

    const sent = new Map<string, number>();
    const arrived: number[] = [];
    const markersOf: string[][] = pairs.map(() => []);
    for (const [i, pair] of pairs.entries())
      for (const [side, c] of pair.entries()) {
        c.doc.on("update", () => {
          const text = docText(c.doc);
          for (const m of text.matchAll(/M(\d+)_(\d)_(\d+)M/g)) {
            const key = m[0];
            if (Number(m[1]) !== i || Number(m[2]) === side || !sent.has(key)) continue;
            const t0 = sent.get(key)!;
            sent.delete(key);
            arrived.push(epochNow() - t0);
          }
        });
      }
    let manyUpdates = 0;
    const manyCpuStart = cpuMs(o.pid);
    const manyUntil = performance.now() + EDIT_SECONDS * 1000;
    await Promise.all(
      pairs.flatMap((pair, i) =>
        pair.map(async (c, side) => {
          await sleep(Math.random() * 1000);
          for (let n = 0; performance.now() < manyUntil; n++) {
            const marker = `M${i}_${side}_${n}M`;
            markersOf[i].push(marker);
            sent.set(marker, epochNow());
            insertText(c.doc, 0, ` ${marker}`, side === 0 ? 0 : Number.MAX_SAFE_INTEGER);
            manyUpdates++;
            await sleep(1000);
          }
        }),
      ),
    );
    const convergeBy = Date.now() + 20_000;
    const convergedNow = () => pairs.filter(([x, y], i) => docText(x.doc) === docText(y.doc) && markersOf[i].every((m) => docText(x.doc).includes(m))).length;
    while (convergedNow() < pairs.length && Date.now() < convergeBy) await sleep(200);
    const manyCpu = cpuMs(o.pid) - manyCpuStart;
    const converged = convergedNow();
    const syncLatency = latency(arrived);
    for (const c of clients.splice(0)) c.destroy();
    for (const s of sockets.splice(0)) s.destroy();
    // Everyone left: each document is stored on its last disconnect.
    const ids = docs.map((d) => d.id);
    const storedNow = async () => {
      const rows = await db.select({ id: articles.id, body: articles.body }).from(articles).where(inArray(articles.id, ids));
      return rows.filter((r) => {
        const text = bodyText(r.body);
        return markersOf[ids.indexOf(r.id)].every((m) => text.includes(m));
      }).length;
    };
    const storeBy = Date.now() + 20_000;
    let stored = await storedNow();
    while (stored < docs.length && Date.now() < storeBy) {
      await sleep(500);
      stored = await storedNow();
    }

    return {
      words,
      collaborators: { browsers: 2, simulated: SIMULATED },
      typingSeconds: TYPING_SECONDS,
      loadBefore,
      loadAfter,
      remote: { pageToPage: latency(pageToPage), yjsToPage: latency(yjsToPage), missing },
      local: {
        keystrokes: a.dom.length + b.dom.length,
        domP50Ms: percentile([...a.dom, ...b.dom], 50),
        domP95Ms: percentile([...a.dom, ...b.dom], 95),
        frameP50Ms: percentile([...a.frame, ...b.frame], 50),
        frameP95Ms: percentile([...a.frame, ...b.frame], 95),
      },
      updates,
      cpuMsPer1000Updates: (cpuUsed / updates) * 1000,
      idleCpuMsPerSecond,
      many: {
        documents: docs.length,
        wordsEach,
        rssBeforeMb,
        rssAfterMb,
        mbPerDocument: (rssAfterMb - rssBeforeMb) / docs.length,
        openSeconds,
        sync: syncLatency,
        updates: manyUpdates,
        cpuMsPer1000Updates: (manyCpu / manyUpdates) * 1000,
        converged,
        stored,
      },
    };
  } finally {
    for (const page of pages)
      await page
        .context()
        .close()
        .catch(() => undefined);
    for (const c of clients) c.destroy();
    for (const s of sockets) s.destroy();
    await handle.close();
  }
}
