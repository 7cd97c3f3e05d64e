/**
 * Writes WXR 1.2 the way WordPress 6 does (CDATA everywhere, "]]>" split across two CDATA
 * sections). Used by the WXR export and to build test and bench files.
 */
export type WxrAuthor = { login: string; email: string; name: string };
export type WxrPost = {
  id: number;
  title: string;
  slug: string;
  html: string;
  excerpt?: string;
  status?: string;
  /** UTC */
  date?: Date;
  guid?: string;
  link?: string;
  author?: string;
  categories?: { slug: string; name: string }[];
  tags?: { slug: string; name: string }[];
  featuredImage?: { url: string; alt: string; caption?: string } | null;
};

export const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const wpDate = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ");

export function wxrHeader(
  site: string,
  opts: { language?: string; authors?: WxrAuthor[]; categories?: { slug: string; name: string }[]; tags?: { slug: string; name: string }[] } = {},
): string {
  const authors = (opts.authors ?? []).map(
    (a, i) =>
      `\t<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>`,
  );
  const cats = (opts.categories ?? []).map(
    (c, i) =>
      `\t<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata("")}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>`,
  );
  const tags = (opts.tags ?? []).map(
    (t, i) => `\t<wp:tag><wp:term_id>${10_000 + i}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>`,
  );
  return [
    `<?xml version="1.0" encoding="UTF-8" ?>`,
    `<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">`,
    `<channel>`,
    `\t<title>${cdata("Newsroom")}</title>`,
    `\t<link>${esc(site)}</link>`,
    `\t<language>${esc(opts.language ?? "fr-FR")}</language>`,
    `\t<wp:wxr_version>1.2</wp:wxr_version>`,
    `\t<wp:base_site_url>${esc(site)}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${esc(site)}</wp:base_blog_url>`,
    ...authors,
    ...cats,
    ...tags,
    "",
  ].join("\n");
}

export function wxrItem(site: string, p: WxrPost): string {
  const date = p.date ?? new Date("2024-01-01T08:00:00Z");
  const lines = [
    `\t<item>`,
    `\t\t<title>${cdata(p.title)}</title>`,
    `\t\t<link>${esc(p.link ?? `${site}/${date.toISOString().slice(0, 10).replace(/-/g, "/")}/${encodeURIComponent(p.slug)}/`)}</link>`,
    `\t\t<dc:creator>${cdata(p.author ?? "admin")}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${esc(p.guid ?? `${site}/?p=${p.id}`)}</guid>`,
    `\t\t<description></description>`,
    `\t\t<content:encoded>${cdata(p.html)}</content:encoded>`,
    `\t\t<excerpt:encoded>${cdata(p.excerpt ?? "")}</excerpt:encoded>`,
    `\t\t<wp:post_id>${p.id}</wp:post_id>`,
    `\t\t<wp:post_date>${cdata(wpDate(date))}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${cdata(wpDate(date))}</wp:post_date_gmt>`,
    `\t\t<wp:post_name>${cdata(encodeURIComponent(p.slug).toLowerCase())}</wp:post_name>`,
    `\t\t<wp:status>${cdata(p.status ?? "publish")}</wp:status>`,
    `\t\t<wp:post_parent>0</wp:post_parent>`,
    `\t\t<wp:post_type>${cdata("post")}</wp:post_type>`,
    ...(p.categories ?? []).map((c) => `\t\t<category domain="category" nicename="${esc(c.slug)}">${cdata(c.name)}</category>`),
    ...(p.tags ?? []).map((t) => `\t\t<category domain="post_tag" nicename="${esc(t.slug)}">${cdata(t.name)}</category>`),
  ];
  if (p.featuredImage)
    lines.push(
      `\t\t<wp:postmeta><wp:meta_key>${cdata("_thumbnail_id")}</wp:meta_key><wp:meta_value>${cdata(String(p.id + 1_000_000_000))}</wp:meta_value></wp:postmeta>`,
    );
  lines.push(`\t</item>`);
  if (p.featuredImage) {
    lines.push(
      [
        `\t<item>`,
        `\t\t<title>${cdata(p.featuredImage.alt)}</title>`,
        `\t\t<guid isPermaLink="false">${esc(p.featuredImage.url)}</guid>`,
        `\t\t<excerpt:encoded>${cdata(p.featuredImage.caption ?? "")}</excerpt:encoded>`,
        `\t\t<wp:post_id>${p.id + 1_000_000_000}</wp:post_id>`,
        `\t\t<wp:status>${cdata("inherit")}</wp:status>`,
        `\t\t<wp:post_parent>${p.id}</wp:post_parent>`,
        `\t\t<wp:post_type>${cdata("attachment")}</wp:post_type>`,
        `\t\t<wp:attachment_url>${cdata(p.featuredImage.url)}</wp:attachment_url>`,
        `\t\t<wp:postmeta><wp:meta_key>${cdata("_wp_attachment_image_alt")}</wp:meta_key><wp:meta_value>${cdata(p.featuredImage.alt)}</wp:meta_value></wp:postmeta>`,
        `\t</item>`,
      ].join("\n"),
    );
  }
  return lines.join("\n");
}

export const WXR_FOOTER = "</channel>\n</rss>\n";

/** A whole WXR document (tests, small exports). */
export function buildWxr(posts: WxrPost[], site = "https://lots.example", opts: Parameters<typeof wxrHeader>[1] = {}): string {
  return `${wxrHeader(site, opts)}${posts.map((p) => wxrItem(site, p)).join("\n")}\n${WXR_FOOTER}`;
}
