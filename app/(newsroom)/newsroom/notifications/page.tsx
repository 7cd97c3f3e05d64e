import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { getDb } from "@/db";
import { listNotifications } from "@/db/queries/notifications";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { notificationText } from "@/lib/notifications/messages";
import { getSettings } from "@/lib/settings";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

import { markNotificationReadAction, markNotificationsReadAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "notifications" });
  return { title: t("title") };
}

export default async function NotificationsPage() {
  const user = await requireUser("/newsroom/notifications");
  const db = await getDb();
  const locale = await newsroomLocale();
  const [items, settings, t] = await Promise.all([listNotifications({ db, user }), getSettings(db), getTranslations({ locale, namespace: "notifications" })]);
  const unread = items.some((n) => !n.readAt);
  return (
    <div className="max-w-3xl">
      <div className="flex items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
        {unread && (
          <form action={markNotificationsReadAction}>
            <button type="submit" className="rounded border border-neutral-500 px-3 py-1.5 text-sm">
              {t("markAllRead")}
            </button>
          </form>
        )}
      </div>
      {items.length === 0 ? (
        <p className="mt-4">{t("empty")}</p>
      ) : (
        <ul className="mt-4 divide-y divide-neutral-200 dark:divide-neutral-800">
          {items.map((n) => {
            // Written in the reader's language now, whatever language its sender used.
            const text = notificationText(n, locale, settings.timeZone);
            return (
              <li key={n.id} className="flex items-start justify-between gap-4 py-3">
                <div>
                  <p className={n.readAt ? "" : "font-semibold"}>
                    {!n.readAt && <span className="sr-only">{t("unreadPrefix")}</span>}
                    {n.articleId ? (
                      <Link prefetch={false} href={`/newsroom/articles/${n.articleId}`} className="hover:underline">
                        {text}
                      </Link>
                    ) : (
                      text
                    )}
                  </p>
                  <p className="text-xs text-neutral-600 dark:text-neutral-400">
                    <time dateTime={n.createdAt.toISOString()}>{formatInZone(n.createdAt, settings.timeZone, dateLocaleOf(locale))}</time>
                  </p>
                </div>
                {!n.readAt && (
                  <form action={markNotificationReadAction} className="shrink-0">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" aria-label={t("markReadOne", { text })} className="rounded border border-neutral-500 px-2 py-1 text-xs">
                      {t("markRead")}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
