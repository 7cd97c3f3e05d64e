import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { EmbargoedList } from "@/components/newsroom/embargoed-list";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import type { AppLocale } from "@/lib/i18n/messages";
import { getSettings } from "@/lib/settings";
import { loadDashboard, waitingTime, type DashboardRow } from "@/lib/workflow/dashboard";
import { durationText } from "@/lib/workflow/duration-text";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "dashboard" });
  return { title: t("title") };
}

type DashboardT = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;
type WorkflowT = Awaited<ReturnType<typeof getTranslations<"workflow">>>;

export default async function DashboardPage() {
  const user = await requireUser("/newsroom");
  const db = await getDb();
  const locale = await newsroomLocale();
  const [sections, settings, t, tw] = await Promise.all([
    loadDashboard(db, user),
    getSettings(db),
    getTranslations({ locale, namespace: "dashboard" }),
    getTranslations({ locale, namespace: "workflow" }),
  ]);
  const now = new Date();
  const when = (d: Date) => formatInZone(d, settings.timeZone, dateLocaleOf(locale));
  return (
    <div>
      <div className="flex items-center justify-between">
        <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
        <Link
          prefetch={false}
          href="/newsroom/articles/new"
          className="rounded bg-neutral-900 px-3 py-2 text-sm text-white dark:bg-neutral-100 dark:text-neutral-900"
        >
          {t("newArticle")}
        </Link>
      </div>
      <div className="mt-6 grid gap-8 md:grid-cols-2">
        {sections.map((s) => (
          <section key={s.key} aria-labelledby={`dash-${s.key}`}>
            <h2 id={`dash-${s.key}`} className="text-xl font-semibold">
              {t(`sections.${s.title}`)}{" "}
              <span className="text-base font-normal text-neutral-600 dark:text-neutral-400">{t("count", { count: s.rows.length })}</span>
            </h2>
            {s.rows.length === 0 ? (
              <p className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">{t(`empty.${s.empty}`)}</p>
            ) : (
              <ul className="mt-2 divide-y divide-neutral-200 dark:divide-neutral-800">
                {s.rows.map((a) => (
                  <li key={a.id} className="py-2">
                    <Link prefetch={false} href={`/newsroom/articles/${a.id}`} className="font-medium hover:underline">
                      {a.headline || t("untitled")}
                    </Link>
                    <p className="text-sm text-neutral-700 dark:text-neutral-300">{detail(a, now, when, t, tw, locale)}</p>
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

function detail(a: DashboardRow, now: Date, when: (d: Date) => string, t: DashboardT, tw: WorkflowT, locale: AppLocale): React.ReactNode {
  if (a.status === "in_review" && a.submittedAt) {
    const submittedAt = a.submittedAt;
    return t.rich("row.inReview", {
      wait: durationText(locale, waitingTime(submittedAt, now)),
      time: (chunks) => <time dateTime={submittedAt.toISOString()}>{chunks}</time>,
    });
  }
  if (a.status === "scheduled" && a.scheduledAt) {
    const overdue = a.scheduledAt <= now;
    return overdue ? (
      <strong className="text-red-700 dark:text-red-400">{t("row.overdue", { when: when(a.scheduledAt) })}</strong>
    ) : (
      t("row.scheduledFor", { when: when(a.scheduledAt) })
    );
  }
  if (a.status === "published") {
    return (
      <>
        {a.hasUnpublishedChanges ? <strong>{t("row.publishedWithChanges")}</strong> : t("row.published")}
        {a.publishedUpdatedAt && <> · {when(a.publishedUpdatedAt)}</>}
      </>
    );
  }
  const status = tw(`states.${a.status}`);
  return t("row.updated", { status: status.replace(/^./, (c) => c.toUpperCase()), when: when(a.updatedAt) });
}
