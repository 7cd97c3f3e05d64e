import Link from "next/link";

import { EmbargoedList } from "@/components/newsroom/embargoed-list";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";
import { describeStatus } from "@/lib/workflow/article-workflow";
import { loadDashboard, waitingTime, type DashboardRow } from "@/lib/workflow/dashboard";
import { formatInZone } from "@/lib/workflow/time-zone";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/newsroom");
  const db = await getDb();
  const [sections, settings] = await Promise.all([loadDashboard(db, user), getSettings(db)]);
  const now = new Date();
  return (
    <div>
      <div className="flex items-center justify-between">
        <h1 className="font-serif text-3xl font-bold">Dashboard</h1>
        <Link href="/newsroom/articles/new" className="rounded bg-neutral-900 px-3 py-2 text-sm text-white dark:bg-neutral-100 dark:text-neutral-900">
          New article
        </Link>
      </div>
      <div className="mt-6 grid gap-8 md:grid-cols-2">
        {sections.map((s) => (
          <section key={s.key} aria-labelledby={`dash-${s.key}`}>
            <h2 id={`dash-${s.key}`} className="text-xl font-semibold">
              {s.title} <span className="text-base font-normal text-neutral-600 dark:text-neutral-400">({s.rows.length})</span>
            </h2>
            {s.rows.length === 0 ? (
              <p className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">{s.empty}</p>
            ) : (
              <ul className="mt-2 divide-y divide-neutral-200 dark:divide-neutral-800">
                {s.rows.map((a) => (
                  <li key={a.id} className="py-2">
                    <Link href={`/newsroom/articles/${a.id}`} className="font-medium hover:underline">
                      {a.headline || "(untitled)"}
                    </Link>
                    <p className="text-sm text-neutral-700 dark:text-neutral-300">{detail(a, now, settings.timeZone)}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      <EmbargoedList user={user} timeZone={settings.timeZone} />
    </div>
  );
}

function detail(a: DashboardRow, now: Date, tz: string): React.ReactNode {
  if (a.status === "in_review" && a.submittedAt) {
    return (
      <>
        In review · waiting <time dateTime={a.submittedAt.toISOString()}>{waitingTime(a.submittedAt, now)}</time>
      </>
    );
  }
  if (a.status === "scheduled" && a.scheduledAt) {
    const overdue = a.scheduledAt <= now;
    return overdue ? (
      <strong className="text-red-700 dark:text-red-400">Overdue: scheduled for {formatInZone(a.scheduledAt, tz)}</strong>
    ) : (
      <>Scheduled for {formatInZone(a.scheduledAt, tz)}</>
    );
  }
  if (a.status === "published") {
    return (
      <>
        {a.hasUnpublishedChanges ? <strong>Published, with unpublished changes</strong> : "Published"}
        {a.publishedUpdatedAt && <> · {formatInZone(a.publishedUpdatedAt, tz)}</>}
      </>
    );
  }
  return (
    <>
      {describeStatus(a.status).replace(/^./, (c) => c.toUpperCase())} · updated {formatInZone(a.updatedAt, tz)}
    </>
  );
}
