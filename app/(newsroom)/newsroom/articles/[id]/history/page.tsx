import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { getDb } from "@/db";
import { listArticleTags } from "@/db/queries/article-tags";
import { getRevision, listRevisions } from "@/db/queries/revisions";
import { loadArticleForUser } from "@/lib/articles/access";
import { diffRevisions, revisionText } from "@/lib/articles/revisions";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { canArticle } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";
import { WORKFLOW_ACTIONS } from "@/lib/workflow/article-workflow";
import { scheduledAtOf } from "@/lib/workflow/schedule-note";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

import { restoreRevisionAction } from "../../actions";
import { RevisionDiff } from "./revision-diff";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "articles" });
  return { title: t("history.title") };
}

/** The revision reasons the catalogue names (articles.history.reasons.*); another one shows as stored. */
const REASONS = ["save_version", "shared_preview", "before_restore", "restore", ...WORKFLOW_ACTIONS] as const;
const isReason = (reason: string): reason is (typeof REASONS)[number] => (REASONS as readonly string[]).includes(reason);

type Search = { a?: string; b?: string; error?: string };

export default async function HistoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const search = await searchParams;
  const user = await requireUser(`/newsroom/articles/${id}/history`);
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "articles.history" });
  const db = await getDb();
  const [loaded, settings] = await Promise.all([loadArticleForUser({ db, id, user, action: "view" }), getSettings(db)]);
  if (!loaded.ok) notFound();
  const { article } = loaded;
  const mayRestore = canArticle(user, "restore_revision", loaded.policy).ok;
  const revisions = await listRevisions({ db, articleId: article.id });

  const textOf = async (which: string | undefined) => {
    if (which === "current") return revisionText({ ...article, tags: await listArticleTags({ db, articleId: article.id }) });
    const rev = which ? await getRevision({ db, articleId: article.id, number: Number(which) }) : undefined;
    return rev ? revisionText(rev) : null;
  };
  const a = search.a ?? (revisions[1] ? String(revisions[1].number) : undefined);
  const b = search.b ?? (revisions[0] ? String(revisions[0].number) : undefined);
  const [older, newer] = search.a && search.b ? [await textOf(a), await textOf(b)] : [null, null];
  const label = (v?: string) => (v === "current" ? t("theWorkingCopy") : t("revisionLower", { number: v ?? "" }));
  // A schedule's note is stored as lib/workflow/transitions.ts wrote it (English, UTC): shown in
  // the reader's language and the newsroom's time zone.
  const noteOf = (r: { reason: string; note: string | null }) => {
    const when = r.reason === "schedule" ? scheduledAtOf(r.note) : null;
    return when ? t("scheduledFor", { when: `${formatInZone(when, settings.timeZone, dateLocaleOf(locale))} (${settings.timeZone})` }) : r.note;
  };
  const options = [
    { value: "current", label: t("workingCopy") },
    ...revisions.map((r) => ({ value: String(r.number), label: t("revisionOption", { number: r.number }) })),
  ];

  return (
    <div className="space-y-6">
      <div>
        <Link prefetch={false} href={`/newsroom/articles/${article.id}`} className="text-sm underline">
          {t("back")}
        </Link>
        <h1 className="mt-2 font-serif text-3xl font-bold">{t("heading", { headline: article.headline || t("untitled") })}</h1>
      </div>
      {search.error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {search.error}
        </p>
      )}
      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title" className="text-xl font-semibold">
          {t("revisions")}
        </h2>
        {revisions.length === 0 ? (
          <p className="mt-2 text-sm">{t("none")}</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr className="border-b border-neutral-300 dark:border-neutral-700">
                <th scope="col" className="py-1">
                  {t("revision")}
                </th>
                <th scope="col">{t("why")}</th>
                <th scope="col">{t("who")}</th>
                <th scope="col">{t("when")}</th>
                {mayRestore && (
                  <th scope="col">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id} className="border-b border-neutral-200 dark:border-neutral-800">
                  <td className="py-1">{r.number}</td>
                  <td>
                    {isReason(r.reason) ? t(`reasons.${r.reason}`) : r.reason}
                    {r.note && <span className="text-neutral-600 dark:text-neutral-400"> — {noteOf(r)}</span>}
                  </td>
                  <td>{r.createdByName ?? t("system")}</td>
                  <td>
                    <time dateTime={r.createdAt.toISOString()}>{formatInZone(r.createdAt, settings.timeZone, dateLocaleOf(locale))}</time>
                  </td>
                  {mayRestore && (
                    <td className="text-right">
                      <form action={restoreRevisionAction}>
                        <input type="hidden" name="articleId" value={article.id} />
                        <input type="hidden" name="number" value={r.number} />
                        <button type="submit" className="rounded border border-neutral-400 px-2 py-0.5">
                          {t("restore", { number: r.number })}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {revisions.length > 0 && (
        <section aria-labelledby="compare-title">
          <h2 id="compare-title" className="text-xl font-semibold">
            {t("compare")}
          </h2>
          <form method="get" className="mt-2 flex flex-wrap items-end gap-3">
            {(["a", "b"] as const).map((key) => (
              <div key={key}>
                <label htmlFor={`compare-${key}`} className="block text-sm font-medium">
                  {key === "a" ? t("from") : t("to")}
                </label>
                <select
                  id={`compare-${key}`}
                  name={key}
                  defaultValue={key === "a" ? a : b}
                  className="rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-900"
                >
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" className="rounded bg-neutral-900 px-3 py-1 text-white dark:bg-neutral-100 dark:text-neutral-900">
              {t("compare")}
            </button>
          </form>
          {older !== null && newer !== null && <RevisionDiff title={t("changes", { from: label(a), to: label(b) })} parts={diffRevisions(older, newer)} />}
        </section>
      )}
    </div>
  );
}
