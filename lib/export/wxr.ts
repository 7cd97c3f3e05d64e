import "server-only";

import { asc, eq, inArray } from "drizzle-orm";

import type { Db } from "@/db";
import { listPeopleForWxr, listSectionsForWxr } from "@/db/queries/export";
import { articleAuthors, articleRevisions, articles, articleTags, tags } from "@/db/schema";
import { WXR_FOOTER, wxrHeader, wxrItem, type WxrPost } from "@/lib/import/wxr-build";
import { renderBodyHtml } from "@/lib/rich-text/body";

/** Our statuses in WordPress's words (what its importer, and ours, read back). */
const WP_STATUS: Record<string, string> = {
  published: "publish",
  scheduled: "future",
  in_review: "pending",
  approved: "pending",
  changes_requested: "draft",
  draft: "draft",
  unpublished: "draft",
};

/** Articles read (with their bodies) at once: memory stays flat whatever the newsroom's size. */
const PAGE_SIZE = 500;

/** Every article's id and first author (as the item will name it), in export order: no body. */
async function listArticleOrder(db: Db) {
  const [order, working] = await Promise.all([
    db
      .select({ id: articles.id, liveId: articleRevisions.id, liveAuthorIds: articleRevisions.authorIds })
      .from(articles)
      .leftJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .orderBy(asc(articles.createdAt), asc(articles.id)),
    db
      .select({ articleId: articleAuthors.articleId, userId: articleAuthors.userId })
      .from(articleAuthors)
      .orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position)),
  ]);
  const firstWorking = new Map<string, string>();
  for (const a of working) if (!firstWorking.has(a.articleId)) firstWorking.set(a.articleId, a.userId);
  return order.map((r) => {
    const live = r.liveId ? r.liveAuthorIds : null;
    const first = live ? live[0] : firstWorking.get(r.id);
    return { id: r.id, firstAuthor: first ?? null };
  });
}

/** A page of articles with their live revision (null when never published), working bylines and tags. */
async function articlePage(db: Db, ids: string[]) {
  const [rows, authors, tagRows] = await Promise.all([
    db
      .select({
        id: articles.id,
        status: articles.status,
        slug: articles.slug,
        headline: articles.headline,
        dek: articles.dek,
        body: articles.body,
        sectionId: articles.sectionId,
        featuredImage: articles.featuredImage,
        createdAt: articles.createdAt,
        scheduledAt: articles.scheduledAt,
        firstPublishedAt: articles.firstPublishedAt,
        live: {
          id: articleRevisions.id,
          headline: articleRevisions.headline,
          dek: articleRevisions.dek,
          bodyHtml: articleRevisions.bodyHtml,
          tags: articleRevisions.tags,
          sectionId: articleRevisions.sectionId,
          featuredImage: articleRevisions.featuredImage,
          authorIds: articleRevisions.authorIds,
        },
      })
      .from(articles)
      .leftJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .where(inArray(articles.id, ids)),
    db
      .select({ articleId: articleAuthors.articleId, userId: articleAuthors.userId })
      .from(articleAuthors)
      .where(inArray(articleAuthors.articleId, ids))
      .orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position)),
    db
      .select({ articleId: articleTags.articleId, name: tags.name, slug: tags.slug })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(inArray(articleTags.articleId, ids))
      .orderBy(asc(articleTags.articleId), asc(articleTags.position)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const authorsOf = new Map<string, string[]>();
  for (const a of authors) authorsOf.set(a.articleId, [...(authorsOf.get(a.articleId) ?? []), a.userId]);
  const tagsOf = new Map<string, { name: string; slug: string }[]>();
  for (const t of tagRows) tagsOf.set(t.articleId, [...(tagsOf.get(t.articleId) ?? []), { name: t.name, slug: t.slug }]);
  return { rows: ids.map((id) => byId.get(id)).filter((r) => r !== undefined), authorsOf, tagsOf };
}

/** Every tag some article carries (working or live), for the header. */
async function listUsedTags(db: Db) {
  return db.selectDistinct({ slug: tags.slug, name: tags.name }).from(tags).innerJoin(articleTags, eq(articleTags.tagId, tags.id)).orderBy(asc(tags.slug));
}

/**
 * The newsroom as a WordPress export (WXR 1.2): published articles with their live version,
 * the others with their working copy; sections as categories, tags, authors (no secrets).
 * Addresses are absolute on `origin`, so a WordPress site (or our importer) can fetch images.
 * Articles are read a page at a time, so the export of any newsroom runs in flat memory.
 */
export async function* exportWxr(db: Db, origin: string, { pageSize = PAGE_SIZE }: { pageSize?: number } = {}): AsyncGenerator<string> {
  const [order, people, sections, usedTags] = await Promise.all([listArticleOrder(db), listPeopleForWxr({ db }), listSectionsForWxr({ db }), listUsedTags(db)]);
  const person = new Map(people.map((p) => [p.id, p]));
  const login = (id: string) => person.get(id)?.slug ?? id;
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const absolute = (src: string) => (src.startsWith("/") ? `${origin}${src}` : src);

  const usedAuthors = new Set(order.flatMap((r) => (r.firstAuthor ? [r.firstAuthor] : [])));
  yield wxrHeader(origin, {
    authors: [...usedAuthors].map((id) => ({
      login: login(id),
      email: person.get(id)?.email ?? "",
      name: person.get(id)?.displayName ?? person.get(id)?.name ?? id,
    })),
    categories: sections.map((s) => ({ slug: s.slug, name: s.name })),
    tags: usedTags,
  });
  let n = 0;
  for (let start = 0; start < order.length; start += pageSize) {
    const { rows, authorsOf, tagsOf } = await articlePage(
      db,
      order.slice(start, start + pageSize).map((r) => r.id),
    );
    for (const r of rows) {
      n++;
      const live = r.status === "published" && r.live?.id ? r.live : null;
      const sectionId = live ? live.sectionId : r.sectionId;
      const section = sectionId ? sectionById.get(sectionId) : undefined;
      const featured = live ? live.featuredImage : r.featuredImage;
      const authors = live?.authorIds ?? authorsOf.get(r.id) ?? [];
      const post: WxrPost = {
        id: n,
        guid: `${origin}/?newsroom_article=${r.id}`,
        link: `${origin}/articles/${r.slug}`,
        title: live?.headline ?? r.headline,
        slug: r.slug,
        html: live ? live.bodyHtml : renderBodyHtml(r.body),
        excerpt: live?.dek ?? r.dek,
        status: WP_STATUS[r.status] ?? "draft",
        date: (r.status === "scheduled" ? r.scheduledAt : r.firstPublishedAt) ?? r.createdAt,
        author: authors[0] ? login(authors[0]) : undefined,
        categories: section ? [{ slug: section.slug, name: section.name }] : [],
        tags: live ? live.tags.map((t) => ({ slug: t.slug, name: t.name })) : (tagsOf.get(r.id) ?? []),
        featuredImage: featured ? { url: absolute(featured.src), alt: featured.alt, caption: featured.caption } : null,
      };
      yield `${wxrItem(origin, post)}\n`;
    }
  }
  yield WXR_FOOTER;
}
