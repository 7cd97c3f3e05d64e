import Link from "next/link";

import { Picture } from "@/components/public/picture";
import type { ArticleCard as Row } from "@/db/queries/public";
import type { Jsonify } from "@/lib/cache/public-data";
import { dirAttr, formatDate, langAttr } from "@/lib/i18n/dictionaries";
import { siteTimeZone } from "@/lib/i18n/site";

export type CardAuthor = { slug: string; displayName: string; photoPath: string | null };
export type CardData = Jsonify<Row> & { authors?: CardAuthor[] };
export type ArticleCardProps = { article: CardData; variant?: "lead" | "default" | "compact"; headingLevel?: "h2" | "h3" | "h4" };

/** A teaser; its text is in the article's language, so it carries that `lang`. */
export async function ArticleCard({ article, variant = "default", headingLevel = "h3" }: ArticleCardProps) {
  const timeZone = await siteTimeZone();
  const Heading = headingLevel;
  const lead = variant === "lead";
  const image = article.featuredImage;
  return (
    <article lang={langAttr(article.language)} dir={dirAttr(article.language)} className={lead ? "grid gap-6 md:grid-cols-5" : "flex min-w-0 flex-col"}>
      {image?.src && variant !== "compact" && (
        <div className={lead ? "md:col-span-3" : "mb-3"}>
          <Picture
            src={image.src}
            alt={image.alt}
            sizes={
              lead
                ? "(min-width: 1152px) 660px, (min-width: 768px) 58vw, 100vw"
                : "(min-width: 1152px) 350px, (min-width: 1024px) 30vw, (min-width: 640px) 45vw, 100vw"
            }
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
          <Link prefetch={false} href={`/articles/${article.slug}`} className="hover:underline focus-visible:underline">
            {article.headline}
          </Link>
        </Heading>
        {article.dek && variant !== "compact" && (
          <p className={`mt-2 text-neutral-700 dark:text-neutral-300 ${lead ? "text-lg sm:text-xl" : ""}`}>{article.dek}</p>
        )}
        {(article.firstPublishedAt || article.authors?.length) && (
          <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-neutral-600 dark:text-neutral-400">
            {article.authors && article.authors.length > 0 && variant !== "compact" && <CardByline authors={article.authors} />}
            {article.firstPublishedAt && <time dateTime={article.firstPublishedAt}>{formatDate(article.firstPublishedAt, article.language, timeZone)}</time>}
          </div>
        )}
      </div>
    </article>
  );
}

/** The authors' names, each with their photo when they have one (a missing photo leaves just the name). */
function CardByline({ authors }: { authors: CardAuthor[] }) {
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-x-2">
      {authors.map((a) => (
        <span key={a.slug} className="inline-flex items-center gap-1.5">
          {a.photoPath && <Picture src={a.photoPath} alt="" sizes="24px" width={24} height={24} className="size-6 rounded-full object-cover" />}
          <span className="font-medium text-neutral-800 dark:text-neutral-200">{a.displayName}</span>
        </span>
      ))}
    </span>
  );
}
