import "server-only";

import { randomUUID } from "node:crypto";
import { unstable_cache } from "next/cache";
import { cache } from "react";

import { getDb, type Db } from "@/db";
import * as q from "@/db/queries/public";
import { searchPublishedArticles } from "@/db/queries/public-search";
import { getSlugRedirectTarget, type RedirectKind } from "@/db/queries/slug-redirects";
import { getPublicGeneration } from "@/db/queries/system";
import { listLiveTags } from "@/db/queries/tags";
import { orderSectionBlocks } from "@/lib/front-page/front-page";
import { ARTICLES_PER_SITEMAP } from "@/lib/seo/sitemaps";
import { getSettings } from "@/lib/settings";
import { peekPublicGeneration } from "@/server/public-generation.mjs";

/** Every cached public read carries this tag; lib/cache/revalidate.ts expires it on any change in a request. */
export const PUBLIC_TAG = "public-site";
/** Entries are keyed on the database's public generation, so this only bounds memory, not staleness. */
export const PUBLIC_MAX_AGE_SECONDS = 300;
// Entries never outlive the process: the cache folder survives restarts, the database may not.
const BOOT = randomUUID();

/** What a cached value looks like after Next stores it as JSON: dates become ISO strings. */
export type Jsonify<T> = T extends Date ? string : T extends (infer U)[] ? Jsonify<U>[] : T extends object ? { [K in keyof T]: Jsonify<T[K]> } : T;

// The layout and the page both read cached data: one generation lookup per request serves both
// (React's cache() lasts one server render; elsewhere, e.g. in route handlers, it reads each time).
// With the generation watch (lib/cache/generation-watch.ts) the database has pushed it: no read.
const requestGeneration = cache(async () => peekPublicGeneration() ?? getPublicGeneration({ db: await getDb() }));

function cached<A extends (string | number)[], R>(name: string, read: (db: Db, ...args: A) => Promise<R>) {
  const inner = unstable_cache(
    async (_generation: number, ...args: A): Promise<Jsonify<R>> => JSON.parse(JSON.stringify(await read(await getDb(), ...args))),
    [BOOT, name],
    { tags: [PUBLIC_TAG], revalidate: PUBLIC_MAX_AGE_SECONDS },
  );
  return async (...args: A): Promise<Jsonify<R>> => inner(await requestGeneration(), ...args);
}

const pageOf = (page: number) => ({ limit: q.PAGE_SIZE, offset: (page - 1) * q.PAGE_SIZE });

// Settings changes bump the generation (trigger on site_settings), so the next request reads them.
export const getSiteSettings = cached("settings", (db) => getSettings(db));

/** Where an old tag or author slug lives now (renamed, merged), or null. */
export const getSlugRedirect = cached("slug-redirect", (db, kind: RedirectKind, slug: string) => getSlugRedirectTarget({ db, kind, oldSlug: slug }));

export const getNavSections = cached("sections", (db) => q.listSections({ db }));

export const SECOND_TIER = 4;

export const getFrontPage = cached("front", async (db) => {
  // Three statements in parallel, whatever the number of sections (one lateral join for all of them).
  const [latest, allSections, settings] = await Promise.all([
    q.listPublishedArticles({ db, limit: 12 }),
    q.listSectionFronts({ db, perSection: 5 }),
    getSettings(db),
  ]);
  // The editors' pinned lead while it is published, else the most recent article.
  const pinnedId = settings.frontPage.leadArticleId;
  const pinned = pinnedId
    ? (latest.find((a) => a.id === pinnedId) ?? (await q.listPublishedArticles({ db, limit: 1, where: q.withId(pinnedId) }))[0])
    : undefined;
  const lead = pinned ?? latest[0] ?? null;
  const rest = latest.filter((a) => a.id !== lead?.id);
  const secondTier = rest.slice(0, SECOND_TIER);
  // A section block never repeats the lead (a small newsroom would otherwise have few blocks, so
  // it may repeat a second-tier story); a section left empty has no block.
  const bySection = orderSectionBlocks(allSections, settings.frontPage)
    .map((s) => ({ ...s, articles: s.articles.filter((a) => a.id !== lead?.id).slice(0, 4) }))
    .filter((s) => s.articles.length > 0);
  const ids = [lead, ...secondTier, ...bySection.map((s) => s.articles[0])].filter((a) => a !== undefined && a !== null).map((a) => a.id);
  const bylines = await q.getBylines({ db, articleIds: ids });
  const withAuthors = <A extends { id: string }>(a: A) => ({
    ...a,
    authors: bylines.filter((b) => b.articleId === a.id).map((b) => ({ slug: b.slug, displayName: b.displayName, photoPath: b.photoPath })),
  });
  return {
    lead: lead ? withAuthors(lead) : null,
    secondTier: secondTier.map(withAuthors),
    // The rest of the news: what no block above already shows.
    latest: rest.slice(SECOND_TIER).filter((a) => !bySection.some((s) => s.articles.some((b) => b.id === a.id))),
    bySection: bySection.map((s) => ({ ...s, articles: s.articles.map((a, i) => (i === 0 ? withAuthors(a) : a)) })),
  };
});

export const getArticlePage = cached("article", async (db, slug: string) => {
  const article = await q.getPublishedArticleBySlug({ db, slug });
  if (!article) return { article: null, redirectTo: (await q.findSlugRedirect({ db, oldSlug: slug })) ?? null };
  const [authors, corrections, related, liveTags, neighbours] = await Promise.all([
    q.getBylines({ db, articleIds: [article.id] }),
    q.getCorrections({ db, articleId: article.id }),
    q.listRelatedArticles({ db, articleId: article.id }),
    listLiveTags({ db, articleIds: [article.id] }),
    q.getSectionNeighbours({ db, articleId: article.id }),
  ]);
  // Current names and slugs, so a renamed or merged tag never links to a dead tag page.
  const revision = { ...article.revision, tags: liveTags.get(article.id) ?? article.revision.tags };
  return { article: { ...article, revision, authors, corrections, related, neighbours }, redirectTo: null };
});

export const getAuthorPage = cached("author", async (db, slug: string, page: number) => {
  const author = await q.getAuthorBySlug({ db, slug });
  if (!author) return null;
  const where = q.byAuthor(author.userId);
  const [articles, total] = await Promise.all([q.listPublishedArticles({ db, where, ...pageOf(page) }), q.countPublishedArticles({ db, where })]);
  const { userId: _id, ...profile } = author;
  return { author: profile, articles, total };
});

export const getTagPage = cached("tag", async (db, slug: string, page: number) => {
  const tag = await q.getPublicTagBySlug({ db, slug });
  if (!tag) return null;
  const where = q.withTag(tag.id);
  const [articles, total] = await Promise.all([q.listPublishedArticles({ db, where, ...pageOf(page) }), q.countPublishedArticles({ db, where })]);
  return { tag, articles, total };
});

export const getSectionPage = cached("section", async (db, slug: string, page: number) => {
  const section = await q.getSectionBySlug({ db, slug });
  if (!section) return null;
  const where = q.inSection(slug);
  const [articles, total] = await Promise.all([q.listPublishedArticles({ db, where, ...pageOf(page) }), q.countPublishedArticles({ db, where })]);
  return { section, articles, total };
});

export type FeedScope = "site" | "tag" | "author";

export const getFeed = cached("feed", async (db, scope: FeedScope, slug: string) => {
  let title: string | null = null;
  let where;
  if (scope === "tag") {
    const tag = await q.getPublicTagBySlug({ db, slug });
    if (!tag) return null;
    title = tag.name;
    where = q.withTag(tag.id);
  } else if (scope === "author") {
    const author = await q.getAuthorBySlug({ db, slug });
    if (!author) return null;
    title = author.displayName;
    where = q.byAuthor(author.userId);
  }
  const items = await q.listFeedArticles({ db, where });
  const ids = items.map((i) => i.id);
  const [liveTags, settings] = await Promise.all([listLiveTags({ db, articleIds: ids }), getSettings(db)]);
  return {
    title,
    // The feed's own words and <language>: carried here so a feed request reads one cache entry.
    language: settings.siteLanguage,
    items: items.map((i) => ({
      ...i,
      tags: liveTags.get(i.id) ?? i.tags,
      authors: i.authors.map((b) => ({ name: b.displayName, slug: b.slug })),
    })),
  };
});

export const getSitemap = cached("sitemap", (db) => q.listSitemapEntries({ db }));
export const getSitemapArticleFiles = cached("sitemap-files", (db) => q.listSitemapArticleFiles({ db, perFile: ARTICLES_PER_SITEMAP }));
export const getSitemapArticles = cached("sitemap-articles", (db, file: number) =>
  q.listSitemapArticles({ db, offset: file * ARTICLES_PER_SITEMAP, limit: ARTICLES_PER_SITEMAP }),
);

export const getNewsSitemap = cached("news-sitemap", async (db, sinceIso: string) =>
  q.listPublishedArticles({ db, limit: 1000, where: q.publishedSince(new Date(sinceIso)) }),
);

/** Search is keyed by free text, so it is not cached: each query reads the database. */
export async function searchArticles(query: string, page: number) {
  return searchPublishedArticles({ db: await getDb(), query, page });
}
