/**
 * The inline comments of an article in its discussion list (a server component): each thread with
 * its quote, replies, and whether it is resolved or detached. Rendered as text, never as HTML.
 */
import { getTranslations } from "next-intl/server";

import { getDb } from "@/db";
import { newsroomLocale } from "@/lib/i18n/interface";
import { readThreads } from "@/lib/inline-comments/threads";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

export async function InlineThreadsList({ articleId, timeZone }: { articleId: string; timeZone: string }) {
  const locale = await newsroomLocale();
  const [threads, t] = await Promise.all([getDb().then((db) => readThreads(db, articleId)), getTranslations({ locale, namespace: "comments" })]);
  const name = (n: string | null) => n ?? t("formerUser");
  return (
    <div className="mt-3">
      <h3 className="text-sm font-semibold">{t("inlineHeading")}</h3>
      {threads.length === 0 ? (
        <p className="mt-1 text-neutral-600 dark:text-neutral-400">{t("none")}</p>
      ) : (
        <ol className="mt-2 space-y-3">
          {threads.map((th) => (
            <li key={th.id} aria-label={t("thread", { name: name(th.authorName), quote: th.quote })} className="border-l-2 border-amber-400 pl-3">
              <blockquote className="text-xs text-neutral-700 italic dark:text-neutral-300">{th.quote}</blockquote>
              {(th.resolvedAt || th.detached) && (
                <p className="mt-1 flex flex-wrap gap-1 text-xs">
                  {th.resolvedAt && <span className="rounded bg-green-100 px-1 text-green-900">{t("resolvedBy", { name: name(th.resolvedByName) })}</span>}
                  {th.detached && <span className="rounded bg-amber-100 px-1 text-amber-900">{t("detached")}</span>}
                </p>
              )}
              {[{ id: th.id, body: th.body, authorName: th.authorName, createdAt: th.createdAt }, ...th.replies].map((c) => (
                <div key={c.id} className="mt-1">
                  <p className="text-xs text-neutral-700 dark:text-neutral-300">
                    <strong>{name(c.authorName)}</strong> ·{" "}
                    <time dateTime={c.createdAt}>{formatInZone(new Date(c.createdAt), timeZone, dateLocaleOf(locale))}</time>
                  </p>
                  <p className="whitespace-pre-wrap">{c.body}</p>
                </div>
              ))}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
