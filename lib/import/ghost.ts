import "server-only";

import { createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { decodeHTML } from "entities";
import { Marked } from "marked";

import type { Db } from "@/db";
import { importSources } from "@/db/schema";

import { Importer } from "./apply";
import { imageSources } from "./html-to-tiptap";
import { uploadsRelative } from "./images";
import { JsonInputError, scanJsonObjects, type JsonStack } from "./json-objects";
import { own, type ImportAuthor, type ImportPost, type LegacyArchive } from "./model";
import type { ImportReport } from "./report";
import type { RunOptions } from "./run";

export class GhostError extends Error {
  override name = "GhostError";
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The words of a bit of Ghost HTML: tags (quoted attributes may hold a ">") and comments out,
 * character references decoded, white space collapsed. Ghost's captions are HTML (Koenig wraps
 * them in spans and links the photographer's credit), but ours and every alt are plain text.
 */
const textOf = (html: string) =>
  decodeHTML(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)|<\/?[a-z](?:[^>"']|"[^"]*"|'[^']*')*>/gi, "")
      // A tag left open by a stray quote, or cut at the end: out too (a "<" before a space stays).
      .replace(/<\/?[a-z!][^>]*>?/gi, ""),
  )
    // ASCII white space only: a no-break space before « : » or inside « » is French typography.
    .replace(/[ \t\n\r\f]+/g, " ")
    .trim();

/** An image card: caption and alt go in as escaped text, so no markup can reach either. */
const figure = (src: unknown, alt: unknown, caption: unknown) =>
  `<figure><img src="${esc(str(src))}" alt="${esc(textOf(str(alt)))}"><figcaption>${esc(textOf(str(caption)))}</figcaption></figure>`;

/**
 * Markdown cards as Ghost rendered them (markdown-it with `breaks`). Raw HTML in them passes, as
 * in Ghost: htmlToDoc cleans the result like any other body.
 */
const markdown = new Marked({ gfm: true, breaks: true, async: false });

/** Ghost 5's Lexical JSON → HTML (the nodes Ghost's editor writes; cards it cannot map are named). */
export function lexicalToHtml(lexical: string): string {
  let root: Row;
  try {
    root = (JSON.parse(lexical) as { root: Row }).root;
  } catch {
    return "";
  }
  const walk = (n: Row): string => {
    const kids = Array.isArray(n.children) ? (n.children as Row[]).map(walk).join("") : "";
    switch (n.type) {
      case "root":
        return kids;
      case "paragraph":
        return `<p>${kids}</p>`;
      case "heading":
      case "extended-heading":
        return `<${str(n.tag) || "h2"}>${kids}</${str(n.tag) || "h2"}>`;
      case "quote":
      case "extended-quote":
        return `<blockquote><p>${kids}</p></blockquote>`;
      case "list":
        return `<${n.listType === "number" ? "ol" : "ul"}>${kids}</${n.listType === "number" ? "ol" : "ul"}>`;
      case "listitem":
        return `<li>${kids}</li>`;
      case "link":
        return `<a href="${esc(str(n.url))}">${kids}</a>`;
      case "linebreak":
        return "<br>";
      case "horizontalrule":
        return "<hr>";
      case "image":
        return figure(n.src, n.alt, n.caption);
      case "text":
      case "extended-text": {
        const format = Number(n.format ?? 0);
        let t = esc(str(n.text));
        if (format & 1) t = `<strong>${t}</strong>`;
        if (format & 2) t = `<em>${t}</em>`;
        if (format & 4) t = `<s>${t}</s>`;
        return t;
      }
      case "html":
        return str(n.html);
      default:
        return `<iframe data-card="${esc(str(n.type))}"></iframe>`;
    }
  };
  return walk(root);
}

/**
 * A Markdown card (Ghost 1's were named `card-markdown`) → HTML. Text that cannot be converted is
 * named in `notes`, never dropped unseen.
 */
function markdownCard(payload: Row, notes: string[]): string {
  const text = str(payload.markdown);
  if (!text.trim()) {
    if (str(payload.html).trim()) return str(payload.html);
    notes.push("a Markdown card with no text was left out");
    return "";
  }
  try {
    return markdown.parse(text) as string;
  } catch (error) {
    notes.push(`a Markdown card could not be converted (${(error as Error).message.split("\n")[0]}): left out`);
    return "";
  }
}

/**
 * Ghost's older Mobiledoc → HTML (markup sections, lists, image, HTML and Markdown cards; other
 * cards are dropped and named). What could not be converted is added to `notes`.
 */
export function mobiledocToHtml(mobiledoc: string, notes: string[] = []): string {
  let doc: { markups?: [string, string[]?][]; sections?: unknown[][]; cards?: [string, Row][] };
  try {
    doc = JSON.parse(mobiledoc);
  } catch {
    return "";
  }
  const markups = doc.markups ?? [];
  const markers = (list: unknown[]) => {
    let out = "";
    const open: string[] = [];
    for (const m of list as [number, number[], number, string][]) {
      for (const i of m[1] ?? []) {
        const [tag, attrs = []] = markups[i] ?? ["span"];
        const href = tag === "a" ? ` href="${esc(str(attrs[attrs.indexOf("href") + 1]))}"` : "";
        out += `<${tag}${href}>`;
        open.push(tag);
      }
      out += esc(str(m[3]));
      for (let k = 0; k < (m[2] ?? 0); k++) out += `</${open.pop()}>`;
    }
    return out;
  };
  return (doc.sections ?? [])
    .map((s) => {
      if (s[0] === 1) return `<${str(s[1])}>${markers(s[2] as unknown[])}</${str(s[1])}>`;
      if (s[0] === 3) return `<${str(s[1])}>${(s[2] as unknown[][]).map((li) => `<li>${markers(li)}</li>`).join("")}</${str(s[1])}>`;
      if (s[0] === 10) {
        const [name, payload] = doc.cards?.[Number(s[1])] ?? ["card", {}];
        if (name === "image") return figure(payload.src, payload.alt, payload.caption);
        if (name === "html") return str(payload.html);
        if (name === "markdown" || name === "card-markdown") return markdownCard(payload, notes);
        return `<iframe data-card="${esc(name)}"></iframe>`;
      }
      return "";
    })
    .join("\n");
}

/** Posts handed to the importer at once (its batches and image uploads start from these). */
const POSTS_PER_CHUNK = 100;

const GHOST_STATUS: Record<string, string> = { published: "publish", draft: "draft", scheduled: "future", sent: "publish" };

/** An http or https address as a URL string, else null (javascript:, mailto:, garbage). */
function webUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A Ghost user's public profile: bio, location and links. Ghost keeps Twitter as "@handle" and
 * Facebook as the page's name (older exports sometimes hold the whole address); anything that is
 * not one of those, or a website that is not http or https, is left out.
 *
 * `profile_image` is left out on purpose: the profile has no picture field, and the file is a
 * `__GHOST_URL__/content/images` path that would have to go through the upload pipeline for a
 * person who does not exist here yet. People set their own picture once invited.
 */
function ghostProfile(r: Row): ImportAuthor["profile"] {
  const profile: NonNullable<ImportAuthor["profile"]> = {};
  const bio = str(r.bio).trim();
  // Cut to the profile's limit where every importer's authors are written (apply.ts).
  if (bio) profile.bio = own(bio);
  const location = str(r.location).trim();
  if (location) profile.location = own(location);
  const links: { label: string; url: string }[] = [];
  const website = webUrl(str(r.website));
  if (website) links.push({ label: "Website", url: own(website) });
  const twitter = /^@?([A-Za-z0-9_]{1,15})$/.exec(
    str(r.twitter)
      .trim()
      .replace(/^https?:\/\/(?:www\.)?(?:twitter|x)\.com\//i, ""),
  );
  if (twitter) links.push({ label: "X", url: `https://x.com/${twitter[1]}` });
  // A page name, or a path such as pages/Name/123; never "." or ".." (the address would climb).
  const facebook = str(r.facebook)
    .trim()
    .replace(/^https?:\/\/(?:www\.)?facebook\.com\//i, "");
  if (/^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/.test(facebook) && !facebook.split("/").some((part) => /^\.+$/.test(part)))
    links.push({ label: "Facebook", url: `https://www.facebook.com/${facebook}` });
  if (links.length) profile.links = links;
  return Object.keys(profile).length ? profile : undefined;
}

/**
 * The folder the `/content/images/…` addresses are relative to: `--uploads` may name Ghost's
 * content folder (the one holding `images/`, as it is copied off a server) or `images` itself.
 */
export function ghostImagesDir(dir: string | null | undefined): string | null {
  if (!dir) return null;
  const images = path.join(dir, "images");
  return existsSync(images) && statSync(images).isDirectory() ? images : dir;
}

/** The tables read from `db[0].data`; every other one (settings, members…) is skipped unread. */
const TABLES = new Set(["posts", "users", "tags", "posts_meta", "posts_tags", "posts_authors"]);
type Table = "posts" | "users" | "tags" | "posts_meta" | "posts_tags" | "posts_authors";

/**
 * Streams the rows of `db[0].data.<table>` for the tables asked, in file order, one row
 * assembled at a time (stream-json): a post's body is in memory only while it is handled, so
 * an export of any size is never held whole. `onRow` is awaited (the file waits for it).
 * Throws GhostError when the file is not JSON or ends early; says whether `posts` was there.
 */
async function scanGhost(file: string, wanted: ReadonlySet<Table>, onRow: (table: Table, row: Row) => Promise<void> | void): Promise<{ sawPosts: boolean }> {
  let sawPosts = false;
  const pick = (stack: JsonStack): Table | null => {
    if (stack[0] !== "db" || stack[1] !== 0 || stack[2] !== "data" || typeof stack[3] !== "string") return null;
    if (stack[3] === "posts") sawPosts = true;
    if (stack.length !== 5 || typeof stack[4] !== "number" || !TABLES.has(stack[3]) || !wanted.has(stack[3] as Table)) return null;
    return stack[3] as Table;
  };
  try {
    await scanJsonObjects(createReadStream(file), pick, (table, row) => onRow(table, row as Row));
  } catch (error) {
    if (!(error instanceof JsonInputError)) throw error; // the importer's own failure, as it is
    if (error.code === "ENOENT") throw new GhostError(`No such file: ${file}`);
    throw new GhostError("This is not a Ghost export: the file is not JSON (or it is truncated).");
  }
  return { sawPosts };
}

/** What the posts need from the other tables (first pass): no body, so it stays small whatever the export's size. */
type GhostContext = {
  authors: Map<string, ImportAuthor>;
  tags: Map<string, { name: string; slug: string }>;
  meta: Map<string, { alt: unknown; caption: unknown }>;
  postTags: Map<string, string[]>;
  postAuthors: Map<string, string[]>;
  posts: number;
  pages: number;
};

export async function readGhostContext(file: string): Promise<GhostContext> {
  const ctx: GhostContext = { authors: new Map(), tags: new Map(), meta: new Map(), postTags: new Map(), postAuthors: new Map(), posts: 0, pages: 0 };
  const links = { posts_tags: [] as Row[], posts_authors: [] as Row[] };
  const { sawPosts } = await scanGhost(file, new Set<Table>(["posts", "users", "tags", "posts_meta", "posts_tags", "posts_authors"]), (table, r) => {
    switch (table) {
      case "posts":
        if ((str(r.type) || "post") === "post") ctx.posts++;
        else ctx.pages++;
        return;
      case "users": {
        const profile = ghostProfile(r);
        ctx.authors.set(str(r.id), { key: str(r.id), email: str(r.email) || null, name: str(r.name) || str(r.slug), ...(profile ? { profile } : {}) });
        return;
      }
      case "tags":
        ctx.tags.set(str(r.id), { name: str(r.name), slug: str(r.slug) });
        return;
      case "posts_meta":
        ctx.meta.set(str(r.post_id), { alt: r.feature_image_alt, caption: r.feature_image_caption });
        return;
      default:
        links[table].push({ post_id: str(r.post_id), tag_id: str(r.tag_id), author_id: str(r.author_id), sort_order: Number(r.sort_order ?? 0) });
    }
  });
  if (!sawPosts) throw new GhostError("This is not a Ghost export: no db[0].data.posts. Export from Ghost Admin → Settings → Labs → Export.");
  const byPost = (rows: Row[], key: string) => {
    const out = new Map<string, string[]>();
    for (const r of rows.sort((a, b) => Number(a.sort_order) - Number(b.sort_order))) {
      const list = out.get(str(r.post_id)) ?? [];
      list.push(str(r[key]));
      out.set(str(r.post_id), list);
    }
    return out;
  };
  ctx.postTags = byPost(links.posts_tags, "tag_id");
  ctx.postAuthors = byPost(links.posts_authors, "author_id");
  return ctx;
}

/** One Ghost post row → a normalised post (null for a page). */
function ghostPost(p: Row, ctx: GhostContext): ImportPost | null {
  if ((str(p.type) || "post") !== "post") return null;
  const id = str(p.id);
  const m = ctx.meta.get(id);
  const notes: string[] = [];
  let status = GHOST_STATUS[str(p.status)] ?? str(p.status);
  // Members, paid and tier posts were kept from the public by Ghost; published here they would
  // be readable by anyone (the paywall does not come over), so an editor decides what goes out.
  const visibility = str(p.visibility) || "public";
  if (visibility !== "public") {
    status = "draft";
    notes.push(`members-only in Ghost ("${visibility}"): imported as a draft, not published`);
  }
  const rendered = str(p.html) || (p.lexical ? lexicalToHtml(str(p.lexical)) : p.mobiledoc ? mobiledocToHtml(str(p.mobiledoc), notes) : "");
  const html = rendered.replace(/__GHOST_URL__/g, "");
  const feature = str(p.feature_image).replace(/^__GHOST_URL__/, "");
  const slug = str(p.slug);
  const date = (v: unknown) => (v ? new Date(str(v)) : null);
  const tagNames = (ctx.postTags.get(id) ?? []).map((t) => ctx.tags.get(t)).filter((t) => t !== undefined && !t.name.startsWith("#"));
  return {
    externalId: str(p.uuid) || id,
    label: id,
    title: str(p.title),
    slug,
    status,
    html,
    excerpt: str(p.custom_excerpt),
    date: date(p.published_at),
    modified: date(p.updated_at),
    authorKeys: ctx.postAuthors.get(id) ?? (p.author_id ? [str(p.author_id)] : []),
    categories: [],
    tags: tagNames.map((t) => t!.name),
    featuredImage: feature
      ? {
          src: feature,
          alt: textOf(str(m?.alt ?? p.feature_image_alt)),
          caption: textOf(str(m?.caption ?? p.feature_image_caption)) || undefined,
        }
      : null,
    legacyPaths: slug ? [`/${slug}/`] : [],
    ...(notes.length ? { notes: notes.map(own) } : {}),
  };
}

/** Addresses looked up at once in import_sources. */
const LOOKUP_CHUNK = 500;

/**
 * Notes, on each post, every image of Ghost's own folder (`/content/images/…`, relative once
 * `__GHOST_URL__` is gone) that this run cannot bring over, with how to bring it: the importer
 * leaves such an image out, and without the note the report would not say which one. An image an
 * earlier run uploaded is used again without a folder (images.ts), so it is not named; and a
 * second run without `--uploads` finds the posts unchanged.
 */
async function noteLostImages(db: Db, posts: ImportPost[], imagesDir: string | null): Promise<void> {
  const missing = new Map<ImportPost, { src: string; rel: string }[]>();
  for (const post of posts) {
    const srcs = new Set([...imageSources(post.html), ...(post.featuredImage ? [post.featuredImage.src] : [])]);
    for (const src of srcs) {
      const rel = src.startsWith("/content/images/") ? uploadsRelative(src) : null;
      if (!rel || (imagesDir && existsSync(path.join(imagesDir, rel)))) continue;
      missing.set(post, [...(missing.get(post) ?? []), { src, rel }]);
    }
  }
  const rels = [...new Set([...missing.values()].flat().map((m) => m.rel))];
  const uploaded = new Set<string>();
  for (let i = 0; i < rels.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .select({ externalId: importSources.externalId })
      .from(importSources)
      .where(and(eq(importSources.source, "ghost"), eq(importSources.kind, "image"), inArray(importSources.externalId, rels.slice(i, i + LOOKUP_CHUNK))));
    for (const r of rows) uploaded.add(r.externalId);
  }
  for (const [post, images] of missing) {
    const notes = images
      .filter((m) => !uploaded.has(m.rel))
      .map((m) =>
        imagesDir
          ? `image ${m.src} left out: not in the --uploads folder`
          : `image ${m.src} left out: give Ghost's content/images folder with --uploads to bring it over`,
      );
    if (notes.length) post.notes = [...(post.notes ?? []), ...notes.map(own)];
  }
}

/** Second pass: the posts (pages left out), in file order, handed to `sink` a chunk at a time; reading waits for it. */
export async function readGhostPosts(file: string, ctx: GhostContext, sink: (posts: ImportPost[]) => Promise<void>): Promise<void> {
  const chunk: ImportPost[] = [];
  await scanGhost(file, new Set<Table>(["posts"]), async (_table, row) => {
    const post = ghostPost(row, ctx);
    if (post) chunk.push(post);
    if (chunk.length >= POSTS_PER_CHUNK) await sink(chunk.splice(0));
  });
  if (chunk.length) await sink(chunk.splice(0));
}

export async function importGhost(db: Db, file: string, opts: RunOptions = {}): Promise<ImportReport> {
  // Two passes, as for WordPress: the first reads authors, tags and their links to the posts
  // (they come after the posts in Ghost's file) and proves the file complete before anything
  // is written; the second streams the posts into the importer, a chunk at a time.
  const ctx = await readGhostContext(file);
  opts.onStart?.(ctx.posts);
  const imagesDir = ghostImagesDir(opts.uploadsDir);
  const importer = new Importer(db, {
    source: "ghost",
    dryRun: opts.dryRun,
    uploadsDir: imagesDir,
    batchSize: opts.batchSize,
    authors: ctx.authors,
    onProgress: opts.onProgress,
  });
  await readGhostPosts(file, ctx, async (posts) => {
    await noteLostImages(db, posts, imagesDir);
    await importer.add(posts);
  });
  await importer.flush();
  const archives: LegacyArchive[] = [...ctx.tags.values()]
    .filter((t) => !t.name.startsWith("#"))
    .map((t) => ({ kind: "tag", slug: t.slug, name: t.name, path: `/tag/${t.slug}/` }));
  await importer.importArchives(archives);
  if (ctx.pages) importer.report.skip("-", `${ctx.pages} page(s)`, "only posts are imported");
  return importer.report;
}
