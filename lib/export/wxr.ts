import "server-only";

import type { Db } from "@/db";
import { listArticleOrderForWxr, listArticlePageForWxr, listPeopleForWxr, listSectionsForWxr, listUsedTagsForWxr } from "@/db/queries/export";
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

/**
 * The newsroom as a WordPress export (WXR 1.2): published articles with their live version,
 * the others with their working copy; sections as categories, tags, authors (no secrets).
 * Addresses are absolute on `origin`, so a WordPress site (or our importer) can fetch images.
 * Articles are read a page at a time, so the export of any newsroom runs in flat memory.
 */
export async function* exportWxr(db: Db, origin: string, { pageSize = PAGE_SIZE }: { pageSize?: number } = {}): AsyncGenerator<string> {
  const [order, people, sections, usedTags] = await Promise.all([
    listArticleOrderForWxr({ db }),
    listPeopleForWxr({ db }),
    listSectionsForWxr({ db }),
    listUsedTagsForWxr({ db }),
  ]);
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
    const { rows, authorsOf, tagsOf } = await listArticlePageForWxr({ db, ids: order.slice(start, start + pageSize).map((r) => r.id) });
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
