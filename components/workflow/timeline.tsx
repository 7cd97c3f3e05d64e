import { getTranslations } from "next-intl/server";

import { newsroomLocale } from "@/lib/i18n/interface";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/workflow/article-workflow";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";
import { describeEventIn } from "@/lib/workflow/timeline";

export type TimelineEvent = {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  actorName: string | null;
};

export async function Timeline({ events, timeZone }: { events: TimelineEvent[]; timeZone: string }) {
  const locale = await newsroomLocale();
  const [t, tw] = await Promise.all([getTranslations({ locale, namespace: "timeline" }), getTranslations({ locale, namespace: "workflow" })]);
  const status = (s: string | null) => (s && (ARTICLE_STATUSES as readonly string[]).includes(s) ? tw(`states.${s as ArticleStatus}`) : (s ?? "—"));
  return (
    <section aria-labelledby="timeline-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="timeline-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      <ol className="mt-2 space-y-2">
        {events.map((e) => (
          <li key={e.id}>
            <p>
              <strong>
                {e.actorName ?? (e.type === "article.transition" ? t("scheduler") : e.type === "article.preview_opened" ? t("linkHolder") : t("system"))}
              </strong>{" "}
              {describeEventIn(locale, e, timeZone)}
              {e.type === "article.transition" && (
                <span className="text-neutral-700 dark:text-neutral-300">
                  {" "}
                  ({status(e.fromStatus)} → {status(e.toStatus)})
                </span>
              )}
            </p>
            <p className="text-xs text-neutral-600 dark:text-neutral-400">
              <time dateTime={e.createdAt.toISOString()}>{formatInZone(e.createdAt, timeZone, dateLocaleOf(locale))}</time>
            </p>
            {e.comment && <p className="mt-0.5 whitespace-pre-wrap italic">{locale === "fr" ? `« ${e.comment} »` : `“${e.comment}”`}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
