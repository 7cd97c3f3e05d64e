import Link from "next/link";

import { ArticleCard, type CardData } from "@/components/public/article-card";
import { ArticleHeader } from "@/components/public/article-header";
import { AuthorCard } from "@/components/public/author-card";
import { Picture } from "@/components/public/picture";
import type { FeaturedImage, SeoFields, TagSnapshot } from "@/db/schema";
import { dictionaryFor, dirAttr, formatDate, langAttr, type Dictionary } from "@/lib/i18n/dictionaries";
import { readingMinutesOfHtml } from "@/lib/rich-text/count";
import { resolveArticleSeo } from "@/lib/seo/article-seo";
import { DEFAULT_SOCIAL_IMAGE, SITE_LOGO } from "@/lib/seo/brand";
import { newsArticleJsonLd, serializeJsonLd } from "@/lib/seo/json-ld";
import { absolute } from "@/lib/seo/site-url";

/**
 * Everything the reader's article page shows, whatever it comes from: the live revision (the
 * public page) or a version not yet published (the newsroom preview, a shared preview). One
 * shape and one component, so a preview cannot drift from what readers will get.
 */
export type ArticleViewModel = {
  slug: string;
  firstPublishedAt: string | null;
  publishedUpdatedAt: string | null;
  section: { name: string | null; slug: string | null } | null;
  authors: { slug: string; displayName: string; jobTitle: string; bio: string; bioLanguage: string; photoPath: string | null }[];
  corrections: { id: number; note: string; createdAt: string }[];
  related: CardData[];
  /** The published articles before and after this one in its section (public page only). */
  neighbours?: { previous: CardData | null; next: CardData | null };
  revision: {
    headline: string;
    dek: string;
    highlights: string[];
    bodyHtml: string;
    tags: TagSnapshot[];
    language: string;
    featuredImage: FeaturedImage | null;
    seo?: SeoFields;
  };
};

/** The NewsArticle description of the page; a preview dates an unpublished article as of now. */
export function articleJsonLd(article: ArticleViewModel, origin: string, now: string) {
  const r = article.revision;
  const seo = resolveArticleSeo(r);
  return newsArticleJsonLd({
    url: absolute(origin, `/articles/${article.slug}`),
    // The headline as search engines should show it (Google cuts NewsArticle headlines at 110 characters).
    headline: seo.title,
    description: seo.description,
    datePublished: article.firstPublishedAt ?? now,
    dateModified: article.publishedUpdatedAt ?? article.firstPublishedAt ?? now,
    language: r.language,
    keywords: r.tags.map((t) => t.name),
    // Articles without an image of their own carry the site's, as search engines require one.
    image: absolute(origin, seo.image ? seo.image.src : DEFAULT_SOCIAL_IMAGE.path),
    section: article.section?.name ?? undefined,
    authors: article.authors.map((a) => ({ name: a.displayName, url: absolute(origin, `/authors/${a.slug}`) })),
    publisher: {
      name: "Newsroom",
      url: absolute(origin, "/"),
      logo: { url: absolute(origin, SITE_LOGO.path), width: SITE_LOGO.width, height: SITE_LOGO.height },
    },
    basedOn: seo.canonicalUrl,
  });
}

/**
 * `shareUrl`: the article's public address, for the share links (plain links: no third-party
 * script or tracker is loaded); previews have none.
 */
export function ArticleView({ article, jsonLd, timeZone, shareUrl }: { article: ArticleViewModel; jsonLd: object; timeZone: string; shareUrl?: string }) {
  const r = article.revision;
  const dict = dictionaryFor(r.language);
  const image = r.featuredImage;
  return (
    <article lang={langAttr(r.language)} dir={dirAttr(r.language)} className="mx-auto max-w-3xl">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
      <ArticleHeader
        dict={dict}
        language={r.language}
        timeZone={timeZone}
        headline={r.headline}
        dek={r.dek}
        section={article.section}
        authors={article.authors}
        firstPublishedAt={article.firstPublishedAt}
        publishedUpdatedAt={article.publishedUpdatedAt}
        readingMinutes={readingMinutesOfHtml(r.bodyHtml)}
        corrections={article.corrections.length}
      />
      {image?.src && (
        <figure className="article-figure -mx-4 mb-8 sm:mx-0">
          <Picture
            src={image.src}
            alt={image.alt}
            sizes="(min-width: 800px) 768px, 100vw"
            priority
            className="h-auto w-full bg-neutral-200 sm:rounded dark:bg-neutral-800"
          />
          {(image.caption || image.credit) && (
            <figcaption className="mt-2 px-4 text-sm text-neutral-700 sm:px-0 dark:text-neutral-300">
              {image.caption}
              {image.credit && (
                <span className="credit">
                  {dict.imageCredit} : {image.credit}
                </span>
              )}
            </figcaption>
          )}
        </figure>
      )}
      {r.highlights.length > 0 && (
        <aside aria-labelledby="key-points" className="mb-8 border-l-4 border-accent bg-neutral-100 p-5 dark:border-red-400 dark:bg-neutral-900">
          <h2 id="key-points" className="mb-3 font-serif text-xl font-bold">
            {dict.keyPoints}
          </h2>
          <ul className="list-disc space-y-2 pl-5">
            {r.highlights.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </aside>
      )}
      {/* Rendered on the server from validated Tiptap JSON by the editor's own schema: text is escaped, attributes allow-listed. */}
      <div
        className="article-body prose prose-lg max-w-none font-serif prose-neutral dark:prose-invert prose-a:text-accent dark:prose-a:text-red-300"
        dangerouslySetInnerHTML={{ __html: r.bodyHtml }}
      />
      {r.tags.length > 0 && (
        <section aria-labelledby="tags-heading" className="mt-10">
          <h2 id="tags-heading" className="mb-3 text-sm font-bold uppercase tracking-wider">
            {dict.tags}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {r.tags.map((t) => (
              <li key={t.id}>
                <Link
                  prefetch={false}
                  href={`/tags/${t.slug}`}
                  className="inline-block rounded-full border border-neutral-500 px-3 py-1 text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800"
                >
                  #{t.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {article.corrections.length > 0 && (
        <section id="corrections" aria-labelledby="corrections-heading" className="mt-10 border-t border-neutral-300 pt-4 dark:border-neutral-700">
          <h2 id="corrections-heading" className="font-serif text-xl font-bold">
            {dict.corrections}
          </h2>
          <ul className="mt-3 space-y-2">
            {article.corrections.map((c) => (
              <li key={c.id}>
                <strong>
                  {dict.correctionOn} <time dateTime={c.createdAt}>{formatDate(c.createdAt, r.language, timeZone)}</time>
                </strong>{" "}
                — {c.note}
              </li>
            ))}
          </ul>
        </section>
      )}
      {shareUrl && <ShareLinks url={shareUrl} title={r.headline} dict={dict} />}
      <section aria-labelledby="authors-heading" className="mt-10 space-y-6 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="authors-heading" className="font-serif text-xl font-bold">
          {article.authors.length === 1 ? dict.aboutAuthor : dict.aboutAuthors}
        </h2>
        {article.authors.map((a) => (
          <AuthorCard key={a.slug} author={a} photoAlt={dict.photoOf(a.displayName)} />
        ))}
      </section>
      {article.neighbours && (article.neighbours.previous || article.neighbours.next) && article.section?.name && (
        <nav
          aria-label={dict.inThisSection(article.section.name)}
          className="no-print mt-12 grid gap-6 border-t border-neutral-300 pt-6 sm:grid-cols-2 dark:border-neutral-700"
        >
          {article.neighbours.previous ? <Neighbour label={dict.previousInSection} article={article.neighbours.previous} /> : <span />}
          {article.neighbours.next && <Neighbour label={dict.nextInSection} article={article.neighbours.next} end />}
        </nav>
      )}
      {article.related.length > 0 && (
        <section aria-labelledby="related-heading" className="no-print mt-12 border-t-2 border-neutral-900 pt-4 dark:border-neutral-200">
          <h2 id="related-heading" className="mb-6 font-serif text-2xl font-bold">
            {dict.related}
          </h2>
          <ul className="grid gap-8 sm:grid-cols-2">
            {article.related.map((a) => (
              <li key={a.id}>
                <ArticleCard article={a} headingLevel="h3" variant="compact" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function Neighbour({ label, article, end = false }: { label: string; article: CardData; end?: boolean }) {
  return (
    <p className={`min-w-0 ${end ? "sm:text-end" : ""}`}>
      <span className="block text-xs font-bold uppercase tracking-wider text-neutral-600 dark:text-neutral-400">{end ? `${label} →` : `← ${label}`}</span>
      <Link
        prefetch={false}
        href={`/articles/${article.slug}`}
        lang={langAttr(article.language)}
        dir={dirAttr(article.language)}
        className="font-serif text-lg leading-snug [overflow-wrap:anywhere] hover:underline"
      >
        {article.headline}
      </Link>
    </p>
  );
}

/** Plain links to each network's own share page: nothing is loaded from them until the reader clicks. */
export function shareLinks(url: string, title: string) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { network: "Bluesky", href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${title} ${url}`)}` },
    { network: "Mastodon", href: `https://mastodonshare.com/?text=${t}&url=${u}` },
    { network: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { network: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { network: "X", href: `https://x.com/intent/post?text=${t}&url=${u}` },
  ];
}

function ShareLinks({ url, title, dict }: { url: string; title: string; dict: Dictionary }) {
  return (
    <section aria-labelledby="share-heading" className="no-print mt-10">
      <h2 id="share-heading" className="mb-3 text-sm font-bold uppercase tracking-wider">
        {dict.share}
      </h2>
      <ul className="flex flex-wrap gap-2 text-sm">
        {shareLinks(url, title).map((l) => (
          <li key={l.network}>
            <a href={l.href} rel="noopener noreferrer nofollow" target="_blank" aria-label={dict.shareOn(l.network)} className={SHARE_LINK}>
              {l.network}
            </a>
          </li>
        ))}
        <li>
          <a href={`mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`} className={SHARE_LINK}>
            {dict.shareByEmail}
          </a>
        </li>
      </ul>
    </section>
  );
}

const SHARE_LINK = "inline-block rounded border border-neutral-500 px-3 py-1 hover:bg-neutral-100 dark:hover:bg-neutral-800";
