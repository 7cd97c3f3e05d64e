/**
 * WordPress eXtended RSS (WXR 1.1/1.2, as WordPress 5–6 export it), read as a stream with sax:
 * a file of any size is never held whole in memory. Two passes: the first reads authors, terms
 * and attachments (featured images point at attachments that may come after the post) and
 * proves the file well-formed and complete before anything is written; the second yields posts.
 */
import { createReadStream } from "node:fs";
import sax from "sax";

import { own, type ImportAuthor, type ImportPost, type ImportTerm, type LegacyArchive } from "./model";

export class WxrError extends Error {}

type Item = { fields: Map<string, string>; categories: { domain: string; nicename: string; name: string }[]; meta: Map<string, string> };

export type WxrChannel = {
  version: string | null;
  siteUrl: string | null;
  language: string | null;
  authors: Map<string, ImportAuthor>;
  categories: { termId: string; slug: string; name: string; parent: string }[];
  tags: { termId: string; slug: string; name: string }[];
  /** attachment post id → its file address and alt text */
  attachments: Map<string, { url: string; alt: string; caption: string }>;
  /** items by post type, for the report */
  itemTypes: Map<string, number>;
  posts: number;
};

type Handlers = { onChannelField?: (name: string, value: string, parent: string) => void; onItem?: (item: Item) => void };

/** Streams the file through sax; calls the handlers as elements close. Rejects on malformed or truncated XML. */
async function scan(file: string, handlers: Handlers, onChunk?: () => Promise<void>): Promise<{ sawRss: boolean; sawChannel: boolean }> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const stack: string[] = [];
  let text = "";
  let item: Item | null = null;
  let group: Map<string, string> | null = null; // wp:author, wp:category, wp:tag, wp:postmeta
  let categoryAttrs: { domain: string; nicename: string } | null = null;
  let sawRss = false;
  let sawChannel = false;
  let error: Error | null = null;
  let closing = false;

  parser.onerror = (e) => {
    if (closing || /^Unclosed root tag|^Unexpected end/.test(e.message)) {
      error ??= new WxrError(`The file ends before the export does (inside <${stack[stack.length - 1] ?? "rss"}>): it is truncated. Nothing was imported.`);
    }
    error ??= new WxrError(`The file is not well-formed XML (${e.message.split("\n")[0]} at line ${parser.line + 1}).`);
  };
  parser.onopentag = (tag) => {
    if (stack.length === 0) {
      if (tag.name !== "rss") error ??= new WxrError(`This is not a WordPress export (WXR): the document starts with <${tag.name}>, not <rss>.`);
      sawRss = true;
    }
    if (tag.name === "channel") sawChannel = true;
    stack.push(tag.name);
    text = "";
    if (tag.name === "item") item = { fields: new Map(), categories: [], meta: new Map() };
    else if (["wp:author", "wp:category", "wp:tag", "wp:term", "wp:postmeta"].includes(tag.name)) group = new Map();
    else if (tag.name === "category" && item) {
      const attrs = tag.attributes as Record<string, string>;
      categoryAttrs = { domain: attrs.domain ?? "category", nicename: attrs.nicename ?? "" };
    }
  };
  parser.ontext = (t) => {
    text += t;
  };
  // CDATA sections: WordPress splits a literal "]]>" across two of them; concatenating restores it.
  parser.oncdata = (t) => {
    text += t;
  };
  parser.onclosetag = (name) => {
    stack.pop();
    const value = text;
    text = "";
    if (name === "item" && item) {
      handlers.onItem?.(item);
      item = null;
      return;
    }
    if (group && ["wp:author", "wp:category", "wp:tag", "wp:term"].includes(name)) {
      for (const [k, v] of group) handlers.onChannelField?.(k, v, name);
      handlers.onChannelField?.("__end__", "", name);
      group = null;
      return;
    }
    if (name === "wp:postmeta" && group && item) {
      const key = group.get("wp:meta_key");
      if (key) item.meta.set(key, own(group.get("wp:meta_value") ?? ""));
      group = null;
      return;
    }
    if (group) {
      group.set(name, value);
      return;
    }
    if (item) {
      if (name === "category" && categoryAttrs) {
        item.categories.push({ ...categoryAttrs, name: own(value.trim()) });
        categoryAttrs = null;
      } else if (stack[stack.length - 1] === "item") {
        // The body is converted and dropped with its batch: only what may outlive the post is copied.
        item.fields.set(name, name === "content:encoded" ? value : own(value));
      }
      return;
    }
    if (stack[stack.length - 1] === "channel") handlers.onChannelField?.(name, value, "channel");
  };

  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (error) throw error;
      await onChunk?.();
    }
    closing = true;
    parser.close();
  } catch (e) {
    stream.destroy();
    if (e instanceof WxrError) throw e;
    if (error) throw error;
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new WxrError(`No such file: ${file}`);
    throw e;
  }
  if (error) throw error;
  if (stack.length > 0)
    throw new WxrError(`The file ends before the export does (inside <${stack[stack.length - 1]}>): it is truncated. Nothing was imported.`);
  return { sawRss, sawChannel };
}

/** First pass: everything but the posts' bodies. Throws WxrError on a file that is not a complete WXR. */
export async function readWxrChannel(file: string): Promise<WxrChannel> {
  const channel: WxrChannel = {
    version: null,
    siteUrl: null,
    language: null,
    authors: new Map(),
    categories: [],
    tags: [],
    attachments: new Map(),
    itemTypes: new Map(),
    posts: 0,
  };
  let group = new Map<string, string>();
  const { sawRss, sawChannel } = await scan(file, {
    onChannelField(name, value, parent) {
      if (parent === "channel") {
        if (name === "wp:wxr_version") channel.version = own(value.trim());
        if (name === "wp:base_site_url" || (name === "link" && !channel.siteUrl)) channel.siteUrl = own(value.trim());
        if (name === "language") channel.language = own(value.trim());
        return;
      }
      if (name !== "__end__") {
        group.set(name, own(value));
        return;
      }
      if (parent === "wp:author") {
        const login = group.get("wp:author_login")?.trim();
        if (login)
          channel.authors.set(login, {
            key: login,
            email: group.get("wp:author_email")?.trim() || null,
            name: group.get("wp:author_display_name")?.trim() || login,
          });
      } else if (parent === "wp:category") {
        channel.categories.push({
          termId: group.get("wp:term_id") ?? "",
          slug: group.get("wp:category_nicename") ?? "",
          name: group.get("wp:cat_name") ?? "",
          parent: group.get("wp:category_parent") ?? "",
        });
      } else if (parent === "wp:tag") {
        channel.tags.push({ termId: group.get("wp:term_id") ?? "", slug: group.get("wp:tag_slug") ?? "", name: group.get("wp:tag_name") ?? "" });
      }
      group = new Map();
    },
    onItem(item) {
      const type = item.fields.get("wp:post_type") ?? "post";
      channel.itemTypes.set(own(type), (channel.itemTypes.get(type) ?? 0) + 1);
      if (type === "post") channel.posts++;
      if (type === "attachment") {
        const id = item.fields.get("wp:post_id") ?? "";
        const url = item.fields.get("wp:attachment_url") ?? item.fields.get("guid") ?? "";
        channel.attachments.set(own(id), {
          url: own(url.trim()),
          alt: own(item.meta.get("_wp_attachment_image_alt") ?? ""),
          caption: own(item.fields.get("excerpt:encoded") ?? ""),
        });
      }
    },
  });
  if (!sawRss || !sawChannel || !channel.version) {
    throw new WxrError("This is not a WordPress export (WXR): no <wp:wxr_version> in its channel. Export from Tools → Export in WordPress.");
  }
  if (!/^1\.[0-2]$/.test(channel.version)) throw new WxrError(`WXR version ${channel.version} is not supported (1.0 to 1.2 are).`);
  return channel;
}

function gmtDate(value: string | undefined): Date | null {
  const v = value?.trim();
  if (!v || v.startsWith("0000-00-00")) return null;
  const d = new Date(`${v.replace(" ", "T")}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `/category/parent/child/` for a nested category, as WordPress builds its archive address. */
export function categoryPaths(channel: WxrChannel): Map<string, string> {
  const bySlug = new Map(channel.categories.map((c) => [c.slug, c]));
  const out = new Map<string, string>();
  for (const c of channel.categories) {
    const chain: string[] = [];
    let cur: (typeof channel.categories)[number] | undefined = c;
    const guard = new Set<string>();
    while (cur && !guard.has(cur.slug)) {
      guard.add(cur.slug);
      chain.unshift(cur.slug);
      cur = cur.parent ? bySlug.get(cur.parent) : undefined;
    }
    out.set(c.slug, `/category/${chain.join("/")}/`);
  }
  return out;
}

export function wxrArchives(channel: WxrChannel): LegacyArchive[] {
  const paths = categoryPaths(channel);
  const cats = channel.categories.flatMap((c): LegacyArchive[] => {
    const base = { kind: "section" as const, slug: c.slug, name: c.name };
    return [{ ...base, path: paths.get(c.slug)! }, ...(c.termId ? [{ ...base, path: `/?cat=${c.termId}` }] : [])];
  });
  const tags = channel.tags.map((t): LegacyArchive => ({ kind: "tag", slug: t.slug, name: t.name, path: `/tag/${t.slug}/` }));
  return [...cats, ...tags];
}

/**
 * WordPress's default category ("Uncategorized") under the slugs its translations give it: a post
 * filed nowhere in particular, not a section readers should see.
 */
const DEFAULT_CATEGORY_SLUGS = new Set([
  "uncategorized",
  "uncategorised",
  "non-classe",
  "sin-categoria",
  "senza-categoria",
  "sem-categoria",
  "geen-categorie",
  "okategoriserade",
  "ukategorisert",
]);

function toPost(item: Item, channel: WxrChannel): ImportPost {
  const f = (k: string) => item.fields.get(k) ?? "";
  const id = f("wp:post_id").trim();
  const guid = f("guid").trim() || `wp-post-${id}`;
  const thumb = item.meta.get("_thumbnail_id");
  const attachment = thumb ? channel.attachments.get(thumb) : undefined;
  const legacyPaths = [f("link").trim(), id ? `/?p=${id}` : ""].filter(Boolean);
  let status = f("wp:status").trim() || "draft";
  // A password-protected post was kept from readers by WordPress; published here anyone could read
  // it (the password does not come over), so an editor decides what goes out.
  const notes: string[] = [];
  if (f("wp:post_password").trim() && status !== "private") {
    notes.push("password-protected in WordPress: imported as a draft, not published");
    status = "draft";
  }
  return {
    externalId: guid,
    label: id || guid,
    title: f("title"),
    slug: f("wp:post_name").trim(),
    status,
    html: f("content:encoded"),
    excerpt: f("excerpt:encoded"),
    language: channel.language?.split("-")[0] || undefined,
    date: gmtDate(f("wp:post_date_gmt")) ?? gmtDate(f("wp:post_date")),
    modified: gmtDate(f("wp:post_modified_gmt")),
    authorKeys: f("dc:creator").trim() ? [f("dc:creator").trim()] : [],
    categories: item.categories
      .filter((c) => c.domain === "category" && !DEFAULT_CATEGORY_SLUGS.has(c.nicename.toLowerCase()))
      .map((c): ImportTerm => ({ name: c.name, slug: c.nicename })),
    tags: item.categories.filter((c) => c.domain === "post_tag").map((c) => c.name),
    featuredImage: attachment?.url ? { src: attachment.url, alt: attachment.alt, caption: attachment.caption.trim() || undefined } : null,
    legacyPaths,
    ...(notes.length ? { notes } : {}),
  };
}

/**
 * Second pass: the posts (post type "post"), in file order, handed to `sink` as each chunk of
 * the file completes them; reading waits for the sink, so memory stays flat whatever the size.
 */
export async function readWxrPosts(file: string, channel: WxrChannel, sink: (posts: ImportPost[]) => Promise<void>): Promise<void> {
  const ready: ImportPost[] = [];
  await scan(
    file,
    {
      onItem(item) {
        if ((item.fields.get("wp:post_type") ?? "post") === "post") ready.push(toPost(item, channel));
      },
    },
    async () => {
      if (ready.length) await sink(ready.splice(0));
    },
  );
  if (ready.length) await sink(ready.splice(0));
}
