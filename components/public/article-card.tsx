import Link from "next/link";

import type { ArticleCard as Row } from "@/db/queries/public";
import type { Jsonify } from "@/lib/cache/public-data";
import { Picture } from "@/components/public/picture";
import { formatDate, langAttr } from "@/lib/i18n/dictionaries";
import { siteTimeZone } from "@/lib/i18n/site";

export type CardData = Jsonify<Row>;
export type ArticleCardProps = { article: CardData; variant?: "lead" | "default" | "compact"; headingLevel?: "h2" | "h3" };

/** A teaser; its text is in the article's language, so it carries that `lang`. */
export async function ArticleCard({ article, variant = "default", headingLevel = "h3" }: ArticleCardProps) {
  const timeZone = await siteTimeZone();
  const Heading = headingLevel;
  const lead = variant === "lead";
  const image = article.featuredImage;
  return (
    <article lang={langAttr(article.language)} className={lead ? "grid gap-6 md:grid-cols-5" : "flex min-w-0 flex-col"}>
      {image?.src && variant !== "compact" && (
        <div className={lead ? "md:col-span-3" : "mb-3"}>
          <Picture
            src={image.src}
            alt={image.alt}
            sizes={lead ? "(min-width: 1152px) 660px, (min-width: 768px) 58vw, 100vw" : "(min-width: 1152px) 350px, (min-width: 1024px) 30vw, (min-width: 640px) 45vw, 100vw"}
            priority={lead}
            className="aspect-[3/2] h-auto w-full rounded bg-neutral-200 object-cover dark:bg-neutral-800"
          />
        </div>
      )}
      <div className={`min-w-0 ${lead && image?.src ? "md:col-span-2" : lead ? "md:col-span-5" : ""}`}>
        {article.sectionName && <p className="text-xs font-semibold uppercase tracking-wider text-accent dark:text-red-300">{article.sectionName}</p>}
        <Heading
          className={`font-serif font-bold leading-tight text-balance [overflow-wrap:anywhere] ${lead ? "mt-1 text-3xl sm:text-5xl" : variant === "compact" ? "text-lg" : "mt-1 text-xl"}`}
        >
          <Link href={`/articles/${article.slug}`} className="hover:underline focus-visible:underline">
            {article.headline}
          </Link>
        </Heading>
        {article.dek && variant !== "compact" && (
          <p className={`mt-2 text-neutral-700 dark:text-neutral-300 ${lead ? "text-lg sm:text-xl" : ""}`}>{article.dek}</p>
        )}
        {article.firstPublishedAt && (
          <p className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
            <time dateTime={article.firstPublishedAt}>{formatDate(article.firstPublishedAt, article.language, timeZone)}</time>
          </p>
        )}
      </div>
    </article>
  );
}
