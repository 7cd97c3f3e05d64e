import Link from "next/link";
import type { ArticleCard as Card } from "@/db/queries/public";
import { formatDateTime } from "@/lib/i18n/dictionaries";

export type ArticleCardProps = { article: Card; lead?: boolean; headingLevel?: "h2" | "h3" };

export function ArticleCard({ article, lead = false, headingLevel = "h3" }: ArticleCardProps) {
  const Heading = headingLevel;
  return (
    <article lang={article.language} className={lead ? "border-b border-neutral-300 pb-6 dark:border-neutral-700" : ""}>
      {article.sectionName && <p className="text-xs font-semibold uppercase tracking-wide text-[var(--color-accent)] dark:text-red-300">{article.sectionName}</p>}
      <Heading className={`font-serif font-bold leading-tight ${lead ? "text-3xl sm:text-4xl" : "text-xl"}`}>
        <Link href={`/articles/${article.slug}`} className="hover:underline">
          {article.headline}
        </Link>
      </Heading>
      {article.dek && <p className={`mt-2 text-neutral-700 dark:text-neutral-300 ${lead ? "text-lg" : ""}`}>{article.dek}</p>}
      {article.firstPublishedAt && (
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          <time dateTime={article.firstPublishedAt.toISOString()}>{formatDateTime(article.firstPublishedAt, article.language)}</time>
        </p>
      )}
    </article>
  );
}
