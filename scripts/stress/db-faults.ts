/**
 * Item 7 over HTTP (PostgreSQL): writers autosave (retrying the same save, as the editor does)
 * and readers load public and newsroom pages while every connection of the app's database is
 * terminated every `everyMs`. Each page answer is classified: 200, a clear retryable error page,
 * or bad (blank, other error, hung). Afterwards the app must serve again without a restart.
 */
import { randomUUID } from "node:crypto";
import postgres from "postgres";

import { SaveLedger } from "@/testing/save-ledger";

import { actionId, adminUrl, callAction, percentile, sleep, type Server, type Target } from "./harness";
import { HttpEditor } from "./http-editor";

type PageAnswer = "ok" | "retryable-error" | "error-shell" | "bad" | "hung";

async function loadPage(base: string, path: string, cookie: string | null): Promise<{ answer: PageAnswer; status: number; ms: number; note?: string }> {
  const started = performance.now();
  try {
    const r = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(30_000), redirect: "manual" });
    const html = await r.text();
    const ms = performance.now() - started;
    const isHtml = (r.headers.get("content-type") ?? "").includes("text/html");
    if (r.status === 200 && (isHtml ? html.includes("</html>") : html.length > 0)) return { answer: "ok", status: 200, ms };
    // The error boundary (app/error.tsx): a sentence and a "Try again" button, in a full page.
    if (r.status >= 500 && html.includes("Something went wrong") && html.includes("Try again")) return { answer: "retryable-error", status: r.status, ms };
    // Next's error document: the browser renders the same error boundary from its payload
    // (e2e/reliability-db-faults.spec.ts checks what a reader actually sees).
    if (r.status >= 500 && html.includes('id="__next_error__"')) return { answer: "error-shell", status: r.status, ms };
    // Feeds and other non-HTML routes: 503 + Retry-After is the retryable answer for machines.
    if (r.status === 503 && r.headers.get("retry-after")) return { answer: "retryable-error", status: r.status, ms };
    return { answer: "bad", status: r.status, ms, note: `${path} ${r.status} ${html.replace(/\s+/g, " ").slice(0, 160)}` };
  } catch (error) {
    return { answer: "hung", status: 0, ms: performance.now() - started, note: `${path} ${error instanceof Error ? error.message : error}` };
  }
}

export async function dbFaults(
  server: Server,
  target: Target,
  cookie: string,
  seconds: number,
  opts: { writers?: number; readers?: number; everyMs?: number; publicPaths: string[] },
) {
  const writers = opts.writers ?? 5;
  const readers = opts.readers ?? 10;
  const everyMs = opts.everyMs ?? Number(process.env.STRESS_FAULT_EVERY_MS || 2000);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const ed = new HttpEditor(server.base, cookie);
  const articles: string[] = [];
  for (let i = 0; i < writers; i++) {
    const c = await callAction(server.base, "/newsroom/articles/new", actionId("createDraftAction"), [], cookie);
    articles.push((c.result as { id: string }).id);
  }
  const paths = [...opts.publicPaths, "/newsroom", `/newsroom/articles/${articles[0]}`];
  const deadline = Date.now() + seconds * 1000;
  let terminated = 0;
  const pages: Record<PageAnswer, number> = { ok: 0, "retryable-error": 0, "error-shell": 0, bad: 0, hung: 0 };
  const badNotes: string[] = [];
  const pageMs: number[] = [];
  const saves = { acknowledged: 0, retried: 0, reconciled: 0, lost: 0, hung: 0, problems: [] as string[] };

  const killer = (async () => {
    while (Date.now() < deadline) {
      await sleep(everyMs);
      const rows = await admin`select pg_terminate_backend(pid) as t from pg_stat_activity where datname = ${target.dbName!} and pid <> pg_backend_pid()`;
      terminated += rows.filter((r) => r.t).length;
    }
  })();

  const writer = async (i: number) => {
    const id = articles[i];
    const ledger = new SaveLedger(1);
    let version = 1;
    let unknown = 0;
    for (let n = 0; Date.now() < deadline; n++) {
      const text = `writer ${i} save ${n}`;
      let uncertain = false;
      // Like the editor: one save id for this save, kept across its retries.
      const saveId = randomUUID();
      for (let attempt = 0; Date.now() < deadline + 60_000; attempt++) {
        const r = await ed.saveText(id, version, text, saveId);
        if (r.kind === "ack") {
          // A retry whose earlier attempt landed (answer lost) saves again on top of it.
          unknown += r.version - version - 1;
          ledger.record("ack", text, r.version, r.version - 1);
          version = r.version;
          break;
        }
        if (r.kind === "conflict" && uncertain) {
          // Our own earlier attempt committed, its answer was lost: with save ids this no longer
          // happens (counted as "reconciled"; the editor would have shown a conflict).
          const now = await ed.workingCopy(id);
          if (now?.text === text) {
            saves.reconciled++;
            unknown++;
            version = now.version;
            break;
          }
        }
        if (r.kind === "conflict") {
          saves.problems.push(`writer ${i}: unexpected conflict at ${version}`);
          return;
        }
        if (r.kind === "error" && r.detail.includes("TimeoutError")) saves.hung++;
        uncertain = true;
        saves.retried++;
        await sleep(250 * Math.min(attempt + 1, 4));
      }
      await sleep(200);
    }
    const final = await ed.workingCopy(id);
    if (!final) return void saves.problems.push(`writer ${i}: working copy unreadable after the faults`);
    const v = ledger.verdict(final, unknown);
    saves.acknowledged += v.acknowledged;
    saves.lost += v.lost;
    saves.problems.push(...v.problems);
  };

  const reader = async (i: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const path = paths[(i + n) % paths.length];
      const r = await loadPage(server.base, path, path.startsWith("/newsroom") ? cookie : null);
      pages[r.answer]++;
      pageMs.push(r.ms);
      if (r.note && badNotes.length < 10) badNotes.push(r.note);
    }
  };

  await Promise.all([killer, ...articles.map((_, i) => writer(i)), ...Array.from({ length: readers }, (_, i) => reader(i))]);
  await admin.end();

  // Recovery without a restart: every page answers 200 again within 15 s.
  let recoveredInMs = -1;
  let recovery: string[] = [];
  const t0 = Date.now();
  while (Date.now() - t0 < 15_000) {
    const answers = await Promise.all(paths.map((p) => loadPage(server.base, p, p.startsWith("/newsroom") ? cookie : null)));
    recovery = answers.map((a, i) => `${paths[i]}: ${a.answer} ${a.status} ${Math.round(a.ms)} ms ${a.note ?? ""}`);
    if (answers.every((a) => a.answer === "ok")) {
      recoveredInMs = Date.now() - t0;
      break;
    }
    await sleep(500);
  }
  const after = await ed.saveText(articles[0], (await ed.workingCopy(articles[0]))?.version ?? 0, "after the faults");
  const crashed = server.log.filter((l) => /uncaughtException|Cannot read properties of null/.test(l)).length;
  return {
    item: "7 database faults (HTTP, PostgreSQL)",
    tried: `${seconds} s; connections terminated every ${everyMs} ms; ${writers} autosaving writers, ${readers} page readers`,
    terminatedConnections: terminated,
    pageLoads: pages,
    pageP99: percentile(pageMs, 99),
    saves,
    recoveredInMs,
    recovery: recoveredInMs < 0 ? recovery : undefined,
    logTail: recoveredInMs < 0 ? server.log.filter((l) => !l.startsWith("    at ")).slice(-30) : undefined,
    saveAfterFaults: after.kind,
    uncaughtExceptionsLogged: crashed,
    problems: [...saves.problems.slice(0, 10), ...badNotes],
    pass:
      saves.lost === 0 && saves.problems.length === 0 && pages.bad === 0 && pages.hung === 0 && saves.hung === 0 && recoveredInMs >= 0 && after.kind === "ack",
  };
}
