import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listAllEvents } from "@/db/queries/timeline";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { canGlobal } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";
import { formatInZone } from "@/lib/workflow/time-zone";

import { describeLogEvent, describeTransition } from "./describe";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "log" });
  return { title: t("title") };
}

const PAGE = 100;

export default async function ActivityLogPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const user = await requireUser("/newsroom/log");
  // Admins only; to others the page does not exist.
  if (!canGlobal(user, "events:view_all").ok) notFound();
  const before = Number((await searchParams).before) || undefined;
  const db = await getDb();
  const [rows, settings] = await Promise.all([listAllEvents({ db, before, limit: PAGE }), getSettings(db)]);
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "log" });
  // English dates stay day-first (en-GB), as the log has always shown them.
  const at = (d: Date) => formatInZone(d, settings.timeZone, locale === "en" ? "en-GB" : locale);
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-sm text-neutral-700 dark:text-neutral-300">{t("intro")}</p>
      <DataTable
        columns={[t("columns.when"), t("columns.who"), t("columns.what"), t("columns.article"), t("columns.transition"), t("columns.comment")]}
        caption={t("caption")}
        className="mt-4"
      >
        {rows.map((e) => (
          <tr key={e.id} className="border-b border-neutral-200 align-top dark:border-neutral-800">
            <td className="py-2 pr-3 whitespace-nowrap">
              <time dateTime={e.createdAt.toISOString()}>{at(e.createdAt)}</time>
            </td>
            <td className="py-2 pr-3">{e.actorName ?? t("system")}</td>
            <td className="py-2 pr-3">{describeLogEvent(t, e, at, settings.timeZone)}</td>
            <td className="py-2 pr-3">
              {e.articleId ? (
                <Link prefetch={false} href={`/newsroom/articles/${e.articleId}`} className="underline">
                  {e.headline || t("untitled")}
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td className="py-2 pr-3 whitespace-nowrap">{describeTransition(t, e)}</td>
            <td className="py-2 whitespace-pre-wrap">{e.comment}</td>
          </tr>
        ))}
      </DataTable>
      {rows.length === PAGE && (
        <p className="mt-4">
          <Link prefetch={false} href={`/newsroom/log?before=${rows[rows.length - 1].id}`} className="underline">
            {t("older")}
          </Link>
        </p>
      )}
    </div>
  );
}
