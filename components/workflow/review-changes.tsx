import { diffWords } from "diff";
import { getTranslations } from "next-intl/server";

import { getDb } from "@/db";
import type { Article, ArticleRevision } from "@/db/schema";
import { reviewBaseline } from "@/lib/articles/revisions";
import { newsroomLocale } from "@/lib/i18n/interface";
import { bodyText } from "@/lib/rich-text/body";
import { seoText } from "@/lib/seo/article-seo";

type Snapshot = Pick<ArticleRevision, "headline" | "dek" | "body" | "highlights" | "seo">;
// The search and social fields last: what search results and shared links say is reviewed too.
const text = (s: Snapshot) => [s.headline, s.dek, ...s.highlights, bodyText(s.body), seoText(s.seo)].filter(Boolean).join("\n\n");

/**
 * What the reviewer needs: in review, the changes since the previous submission; for an
 * update after publication, the changes since the live version. Word-level, from the server.
 */
export async function ReviewChanges({ article }: { article: Article }) {
  const baseline = await reviewBaseline(await getDb(), article);
  if (!baseline) return null;
  const { base, since } = baseline;
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "workflow.review" });
  const title = since === "submission" ? t("sinceSubmission") : t("sinceLive");
  const parts = diffWords(text(base), text(article));
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <section aria-labelledby="review-changes-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="review-changes-heading" className="text-base font-semibold">
        {title}
      </h2>
      {!changed ? (
        <p className="mt-2">{t("noChange")}</p>
      ) : (
        <p className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap font-serif leading-relaxed">
          {parts.map((p, i) =>
            p.added ? (
              <ins key={i} className="bg-green-100 text-green-950 no-underline dark:bg-green-900 dark:text-green-50">
                {p.value}
              </ins>
            ) : p.removed ? (
              <del key={i} className="bg-red-100 text-red-950 dark:bg-red-900 dark:text-red-50">
                {p.value}
              </del>
            ) : (
              <span key={i}>{p.value}</span>
            ),
          )}
        </p>
      )}
    </section>
  );
}
