import { getTranslations } from "next-intl/server";

import { InlineThreadsList } from "@/components/editor/comments/discussion-threads";
import { newsroomLocale } from "@/lib/i18n/interface";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

import { CommentForm } from "./comment-form";

export type DiscussionProps = {
  articleId: string;
  timeZone: string;
  comments: { id: number; kind: string; body: string; createdAt: Date; authorName: string | null }[];
};

export async function Discussion({ articleId, comments, timeZone }: DiscussionProps) {
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "workflow.discussion" });
  return (
    <section aria-labelledby="discussion-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="discussion-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      {comments.length === 0 ? (
        <p className="mt-2 text-neutral-600 dark:text-neutral-400">{t("none")}</p>
      ) : (
        <ol className="mt-2 space-y-3">
          {comments.map((c) => (
            <li key={c.id} className="border-l-2 border-neutral-300 pl-3 dark:border-neutral-700">
              <p className="text-xs text-neutral-700 dark:text-neutral-300">
                <strong>{c.authorName ?? t("formerUser")}</strong> ·{" "}
                <time dateTime={c.createdAt.toISOString()}>{formatInZone(c.createdAt, timeZone, dateLocaleOf(locale))}</time>
                {c.kind === "request_changes" && <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900">{t("changesRequested")}</span>}
              </p>
              <p className="mt-1 whitespace-pre-wrap">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {/* Inline comments on the text (components/editor/comments/). */}
      <InlineThreadsList articleId={articleId} timeZone={timeZone} />
      <CommentForm articleId={articleId} />
    </section>
  );
}
