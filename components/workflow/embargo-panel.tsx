/**
 * The embargo in the article sidebar: when it ends and how long is left, `Publish` shown disabled
 * with the reason while it holds, and, for editors, the `Embargo until` field.
 */
import { getTranslations } from "next-intl/server";

import type { Article } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/session";
import { now as clockNow } from "@/lib/clock";
import { embargoMinutesLeft, embargoNoticeIn } from "@/lib/embargo/notice";
import { newsroomLocale } from "@/lib/i18n/interface";
import { canEmbargo, embargoedTransitions, type PolicyArticle } from "@/lib/permissions";
import { durationParts } from "@/lib/workflow/duration";
import { durationText } from "@/lib/workflow/duration-text";
import { utcToZonedLocal } from "@/lib/workflow/time-zone";

import { EmbargoForm } from "./embargo-form";

export async function EmbargoPanel({
  user,
  article,
  facts,
  timeZone,
  twoPersonRule,
}: {
  user: CurrentUser;
  article: Pick<Article, "id" | "embargoUntil">;
  facts: PolicyArticle;
  timeZone: string;
  twoPersonRule: boolean;
}) {
  // A server component renders once per request: "now" is this request's.
  const now = clockNow();
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "workflow" });
  const notice = embargoNoticeIn(locale, article, timeZone, now);
  const editor = canEmbargo(user).ok;
  if (!notice && !editor) return null;
  const held = embargoedTransitions(user, { ...facts, embargoUntil: article.embargoUntil }, { twoPersonRule, now, timeZone });
  const reasonId = `embargo-reason-${article.id}`;
  return (
    <section aria-labelledby="embargo-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="embargo-heading" className="text-base font-semibold">
        {t("embargo.heading")}
      </h2>
      {notice && article.embargoUntil ? (
        <p className="mt-1" data-testid="embargo-notice">
          {t("embargo.noticeLeft", { notice, time: durationText(locale, durationParts(embargoMinutesLeft(article.embargoUntil, now))) })}
        </p>
      ) : (
        <p className="mt-1 text-neutral-700 dark:text-neutral-300">{t("embargo.none")}</p>
      )}
      {held.actions.length > 0 && (
        <div className="mt-2 space-y-1">
          {held.actions.map((a) => (
            <button
              key={a}
              type="button"
              disabled
              aria-describedby={reasonId}
              className="rounded bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
            >
              {t(`actions.${a}`)}
            </button>
          ))}
          <p id={reasonId} className="text-neutral-700 dark:text-neutral-300">
            {held.reason}
          </p>
        </div>
      )}
      {editor && (
        <EmbargoForm
          articleId={article.id}
          timeZone={timeZone}
          current={notice && article.embargoUntil ? utcToZonedLocal(article.embargoUntil, timeZone) : ""}
        />
      )}
    </section>
  );
}
