/**
 * Item 9: 100 articles scheduled to fall due over ~20 s; the app (default JOBS_INTERVAL_MS) is
 * SIGKILLed half-way and restarted on the same database (on PostgreSQL, as two instances whose
 * runners race). Afterwards each article must be published exactly once (one publish event,
 * one live revision) and no later than 60 s after its due time.
 */
import { eq, sql } from "drizzle-orm";

import { openDb, queryRows } from "@/db";
import { users } from "@/db/schema";
import { createArticle } from "@/lib/articles/store";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { runTransition } from "@/lib/workflow/transitions";

import { dropDatabase, freshDatabase, prepare, sleep, startServer, type Server } from "./harness";

type Options = { count?: number; jobsIntervalMs?: number; prefix?: string };

export async function scheduling(engine: "postgres" | "pglite", port: number, opts: Options = {}) {
  const COUNT = opts.count ?? 100;
  // Unset = the app's default poll (15 s), as in production.
  const jobs: Record<string, string> = opts.jobsIntervalMs ? { JOBS_INTERVAL_MS: String(opts.jobsIntervalMs) } : {};
  const spreadMs = Math.round(20_000 / COUNT);
  const t = await freshDatabase(engine, port, opts.prefix);
  prepare(t);
  const open = () => openDb({ databaseUrl: t.databaseUrl, pgliteDir: t.env.PGLITE_DIR, migrate: false, max: 3 });
  let h = await open();
  const person = async (email: string) => {
    const [u] = await h.db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
    return { id: u.id, role: u.role, active: true } as const;
  };
  const claire = await person("claire@newsroom.test");
  const editor = await person("editor@newsroom.test");
  const far = new Date(Date.now() + 24 * 3_600_000);
  const quiet = { revalidate: () => {} };
  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const a = await createArticle(h.db, { createdById: claire.id, headline: `Programmé ${i}`, body: docFromParagraphs([`Article programmé numéro ${i}.`]) });
    await runTransition(h.db, claire, { articleId: a.id, action: "submit" }, quiet);
    await runTransition(h.db, editor, { articleId: a.id, action: "approve" }, quiet);
    const r = await runTransition(h.db, editor, { articleId: a.id, action: "schedule", scheduledAt: far }, quiet);
    if (!r.ok) throw new Error(`schedule failed: ${JSON.stringify(r)}`);
    ids.push(a.id);
  }
  // Due times: from 8 s to 28 s from now, in id order, evenly spread.
  await h.db.execute(sql`update articles set scheduled_at = now() + interval '8 seconds' + (sub.n * ${spreadMs} * interval '1 millisecond')
    from (select id, row_number() over (order by id) - 1 as n from articles where status = 'scheduled') sub where articles.id = sub.id`);
  const due = new Map(
    (await queryRows<{ id: string; at: string }>(h.db, sql`select id, scheduled_at as at from articles where status = 'scheduled'`)).map((r) => [
      r.id,
      new Date(r.at).getTime(),
    ]),
  );
  const lastDue = Math.max(...due.values());
  await h.close();

  const servers: Server[] = [];
  const second = { ...t, port: t.port + 1 };
  let restarts = 0;
  const killedLogs: string[][] = [];
  const publishedPerLogs = () =>
    [...killedLogs, ...servers.map((x) => x.log)]
      .flat()
      .reduce((n, line) => n + Number(/"published":(\d+).*"msg":"scheduler published articles"/.exec(line)?.[1] ?? 0), 0);
  let beforeKill: number | null = null;
  try {
    servers.push(await startServer(t, jobs));
    // Half-way through the due times: kill -9, a few seconds down, back on the same database.
    await sleep(Math.max(0, Math.min(...due.values()) + 10_000 - Date.now()));
    if (engine === "postgres") {
      const probe = await open();
      const [r] = await queryRows<{ n: number }>(
        probe.db,
        sql`select count(*)::int as n from articles where status = 'published' and id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
      beforeKill = Number(r.n);
      await probe.close();
    }
    await servers[0].kill("SIGKILL");
    killedLogs.push(servers[0].log);
    await sleep(3000);
    servers[0] = await startServer(t, jobs);
    restarts++;
    if (engine === "postgres") servers.push(await startServer(second, jobs));

    // Wait for the runners (up to 60 s after the last due time).
    h = engine === "postgres" ? await open() : h;
    while (Date.now() < lastDue + 60_000) {
      if (engine === "postgres") {
        const [r] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from articles where status = 'scheduled'`);
        if (Number(r.n) === 0) break;
      } else if (publishedPerLogs() >= COUNT) break; // PGlite: one process at a time, so read the runners' logs

      await sleep(1000);
    }
  } finally {
    for (const s of servers) await s.kill("SIGTERM");
    if (engine === "postgres") await h.close();
  }

  h = await open();
  const rows = await queryRows<{ id: string; status: string; events: number; revisions: number; first_at: string | null }>(
    h.db,
    sql`select a.id, a.status,
          (select count(*)::int from events e where e.article_id = a.id and e.type = 'article.transition' and e.to_status = 'published') as events,
          (select count(*)::int from article_revisions r where r.article_id = a.id and r.reason = 'publish') as revisions,
          (select min(e.created_at) from events e where e.article_id = a.id and e.to_status = 'published') as first_at
        from articles a where a.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  await h.close();
  await dropDatabase(t);
  const published = rows.filter((r) => r.status === "published").length;
  const twice = rows.filter((r) => r.events > 1 || r.revisions > 1).length;
  const never = rows.filter((r) => r.events === 0).length;
  const delays = rows.filter((r) => r.first_at).map((r) => new Date(r.first_at!).getTime() - due.get(r.id)!);
  const late = delays.filter((d) => d > 60_000).length;
  return {
    item: "9 scheduled publishing across a restart",
    tried: `${COUNT} articles due over 20 s; server SIGKILLed half-way and restarted${engine === "postgres" ? " as two instances" : ""}; poll ${opts.jobsIntervalMs ?? "15000 (default)"} ms`,
    count: COUNT,
    restarts,
    publishedBeforeKill: beforeKill,
    published,
    publishedTwice: twice,
    neverPublished: never,
    laterThan60s: late,
    maxDelayMs: Math.max(0, ...delays),
    pass: published === COUNT && twice === 0 && never === 0 && late === 0,
  };
}
