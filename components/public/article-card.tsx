import Link from "next/link";

import type { ArticleCard as Row } from "@/db/queries/public";
import type { Jsonify } from "@/lib/cache/public-data";
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
    <article lang={langAttr(article.language)} className={lead ? "grid gap-6 md:grid-cols-5" : "flex flex-col"}>
      {image?.src && variant !== "compact" && (
        // eslint-disable-next-line @next/next/no-img-element -- uploads are already resized WebP; no optimiser round trip
        <img
          src={image.src}
          alt={image.alt}
          loading={lead ? "eager" : "lazy"}
          className={`w-full rounded object-cover ${lead ? "aspect-[3/2] md:col-span-3" : "mb-3 aspect-[3/2]"}`}
        />
      )}
      <div className={lead && image?.src ? "md:col-span-2" : lead ? "md:col-span-5" : ""}>
        {article.sectionName && <p className="text-xs font-semibold uppercase tracking-wider text-accent dark:text-red-300">{article.sectionName}</p>}
        <Heading
          className={`font-serif font-bold leading-tight text-balance ${lead ? "mt-1 text-3xl sm:text-5xl" : variant === "compact" ? "text-lg" : "mt-1 text-xl"}`}
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
