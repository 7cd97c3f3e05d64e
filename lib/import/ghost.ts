import "server-only";

import { createReadStream } from "node:fs";

import type { Db } from "@/db";

import { Importer } from "./apply";
import { JsonInputError, scanJsonObjects, type JsonStack } from "./json-objects";
import type { ImportAuthor, ImportPost, LegacyArchive } from "./model";
import type { ImportReport } from "./report";
import type { RunOptions } from "./run";

export class GhostError extends Error {
  override name = "GhostError";
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

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
        return `<figure><img src="${esc(str(n.src))}" alt="${esc(str(n.alt))}"><figcaption>${str(n.caption)}</figcaption></figure>`;
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

/** Ghost's older Mobiledoc → HTML (markup sections and lists; cards are dropped and named). */
export function mobiledocToHtml(mobiledoc: string): string {
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
        if (name === "image")
          return `<figure><img src="${esc(str(payload.src))}" alt="${esc(str(payload.alt))}"><figcaption>${esc(str(payload.caption))}</figcaption></figure>`;
        if (name === "html" || name === "markdown") return str(payload.html);
        return `<iframe data-card="${esc(name)}"></iframe>`;
      }
      return "";
    })
    .join("\n");
}

/** Posts handed to the importer at once (its batches and image uploads start from these). */
const POSTS_PER_CHUNK = 100;

const GHOST_STATUS: Record<string, string> = { published: "publish", draft: "draft", scheduled: "future", sent: "publish" };

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
      case "users":
        ctx.authors.set(str(r.id), { key: str(r.id), email: str(r.email) || null, name: str(r.name) || str(r.slug) });
        return;
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
  const html = str(p.html) || (p.lexical ? lexicalToHtml(str(p.lexical)) : p.mobiledoc ? mobiledocToHtml(str(p.mobiledoc)) : "");
  const feature = str(p.feature_image).replace(/^__GHOST_URL__/, "");
  const slug = str(p.slug);
  const date = (v: unknown) => (v ? new Date(str(v)) : null);
  const tagNames = (ctx.postTags.get(id) ?? []).map((t) => ctx.tags.get(t)).filter((t) => t !== undefined && !t.name.startsWith("#"));
  return {
    externalId: str(p.uuid) || id,
    label: id,
    title: str(p.title),
    slug,
    status: GHOST_STATUS[str(p.status)] ?? str(p.status),
    html: html.replace(/__GHOST_URL__/g, ""),
    excerpt: str(p.custom_excerpt),
    date: date(p.published_at),
    modified: date(p.updated_at),
    authorKeys: ctx.postAuthors.get(id) ?? (p.author_id ? [str(p.author_id)] : []),
    categories: [],
    tags: tagNames.map((t) => t!.name),
    featuredImage: feature
      ? {
          src: feature,
          alt: str(m?.alt ?? p.feature_image_alt),
          caption: str(m?.caption ?? p.feature_image_caption).replace(/<[^>]*>/g, "") || undefined,
        }
      : null,
    legacyPaths: slug ? [`/${slug}/`] : [],
  };
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
  const importer = new Importer(db, {
    source: "ghost",
    dryRun: opts.dryRun,
    uploadsDir: opts.uploadsDir,
    batchSize: opts.batchSize,
    authors: ctx.authors,
    onProgress: opts.onProgress,
  });
  await readGhostPosts(file, ctx, (posts) => importer.add(posts));
  await importer.flush();
  const archives: LegacyArchive[] = [...ctx.tags.values()]
    .filter((t) => !t.name.startsWith("#"))
    .map((t) => ({ kind: "tag", slug: t.slug, name: t.name, path: `/tag/${t.slug}/` }));
  await importer.importArchives(archives);
  if (ctx.pages) importer.report.skip("-", `${ctx.pages} page(s)`, "only posts are imported");
  return importer.report;
}
