/** The dashboard's "Embargoed" list: what is held back, until when, and how long is left. */
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { getDb } from "@/db";
import type { CurrentUser } from "@/lib/auth/session";
import { now as clockNow } from "@/lib/clock";
import { loadEmbargoed } from "@/lib/embargo/embargo";
import { embargoMinutesLeft, embargoNoticeIn } from "@/lib/embargo/notice";
import { newsroomLocale } from "@/lib/i18n/interface";
import { durationParts } from "@/lib/workflow/duration";
import { durationText } from "@/lib/workflow/duration-text";

export async function EmbargoedList({ user, timeZone }: { user: CurrentUser; timeZone: string }) {
  const db = await getDb();
  // A server component renders once per request: "now" is this request's.
  const now = clockNow();
  const rows = await loadEmbargoed(db, user, now);
  if (rows.length === 0) return null;
  const locale = await newsroomLocale();
  const [t, tw] = await Promise.all([getTranslations({ locale, namespace: "dashboard" }), getTranslations({ locale, namespace: "workflow" })]);
  return (
    <section aria-labelledby="dash-embargoed" className="mt-8">
      <h2 id="dash-embargoed" className="text-xl font-semibold">
        {t("embargoed.heading")} <span className="text-base font-normal text-neutral-600 dark:text-neutral-400">{t("count", { count: rows.length })}</span>
      </h2>
      <ul className="mt-2 divide-y divide-neutral-200 dark:divide-neutral-800">
        {rows.map((a) => (
          <li key={a.id} className="py-2">
            <Link prefetch={false} href={`/newsroom/articles/${a.id}`} className="font-medium hover:underline">
              {a.headline || t("untitled")}
            </Link>
            {a.embargoUntil && (
              <p className="text-sm text-neutral-700 dark:text-neutral-300">
                {tw(`states.${a.status}`)} · {embargoNoticeIn(locale, a, timeZone, now)} ·{" "}
                <time dateTime={a.embargoUntil.toISOString()}>
                  {t("embargoed.left", { time: durationText(locale, durationParts(embargoMinutesLeft(a.embargoUntil, now))) })}
                </time>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
