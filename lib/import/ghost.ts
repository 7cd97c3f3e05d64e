import "server-only";

import { readFile } from "node:fs/promises";

import type { Db } from "@/db";

import { Importer } from "./apply";
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

const GHOST_STATUS: Record<string, string> = { published: "publish", draft: "draft", scheduled: "future", sent: "publish" };

/** Reads a Ghost 5 export (Settings → Labs → Export) into normalised posts. */
export function parseGhostExport(text: string): { posts: ImportPost[]; authors: Map<string, ImportAuthor>; archives: LegacyArchive[]; skippedPages: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new GhostError("This is not a Ghost export: the file is not JSON (or it is truncated).");
  }
  const root = json as { db?: { data?: Record<string, Row[]>; meta?: Row }[] };
  const data = root.db?.[0]?.data;
  if (!data || !Array.isArray(data.posts))
    throw new GhostError("This is not a Ghost export: no db[0].data.posts. Export from Ghost Admin → Settings → Labs → Export.");
  const users = new Map((data.users ?? []).map((u) => [str(u.id), u]));
  const tags = new Map((data.tags ?? []).map((t) => [str(t.id), t]));
  const meta = new Map((data.posts_meta ?? []).map((m) => [str(m.post_id), m]));
  const byPost = <K extends string>(rows: Row[] | undefined, key: K) => {
    const out = new Map<string, string[]>();
    for (const r of [...(rows ?? [])].sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0))) {
      const list = out.get(str(r.post_id)) ?? [];
      list.push(str(r[key]));
      out.set(str(r.post_id), list);
    }
    return out;
  };
  const postTags = byPost(data.posts_tags, "tag_id");
  const postAuthors = byPost(data.posts_authors, "author_id");
  const authors = new Map<string, ImportAuthor>([...users].map(([id, u]) => [id, { key: id, email: str(u.email) || null, name: str(u.name) || str(u.slug) }]));
  const date = (v: unknown) => (v ? new Date(str(v)) : null);
  let skippedPages = 0;
  const posts: ImportPost[] = [];
  for (const p of data.posts) {
    if ((str(p.type) || "post") !== "post") {
      skippedPages++;
      continue;
    }
    const id = str(p.id);
    const m = meta.get(id);
    const html = str(p.html) || (p.lexical ? lexicalToHtml(str(p.lexical)) : p.mobiledoc ? mobiledocToHtml(str(p.mobiledoc)) : "");
    const feature = str(p.feature_image).replace(/^__GHOST_URL__/, "");
    const slug = str(p.slug);
    const tagNames = (postTags.get(id) ?? []).map((t) => tags.get(t)).filter((t): t is Row => Boolean(t) && !str(t!.name).startsWith("#"));
    posts.push({
      externalId: str(p.uuid) || id,
      label: id,
      title: str(p.title),
      slug,
      status: GHOST_STATUS[str(p.status)] ?? str(p.status),
      html: html.replace(/__GHOST_URL__/g, ""),
      excerpt: str(p.custom_excerpt),
      date: date(p.published_at),
      modified: date(p.updated_at),
      authorKeys: postAuthors.get(id) ?? (p.author_id ? [str(p.author_id)] : []),
      categories: [],
      tags: tagNames.map((t) => str(t.name)),
      featuredImage: feature
        ? {
            src: feature,
            alt: str(m?.feature_image_alt ?? p.feature_image_alt),
            caption: str(m?.feature_image_caption ?? p.feature_image_caption).replace(/<[^>]*>/g, "") || undefined,
          }
        : null,
      legacyPaths: slug ? [`/${slug}/`] : [],
    });
  }
  const archives: LegacyArchive[] = [...tags.values()]
    .filter((t) => !str(t.name).startsWith("#"))
    .map((t) => ({ kind: "tag", slug: str(t.slug), name: str(t.name), path: `/tag/${str(t.slug)}/` }));
  return { posts, authors, archives, skippedPages };
}

export async function importGhost(db: Db, file: string, opts: RunOptions = {}): Promise<ImportReport> {
  const parsed = parseGhostExport(await readFile(file, "utf8"));
  opts.onStart?.(parsed.posts.length);
  const importer = new Importer(db, {
    source: "ghost",
    dryRun: opts.dryRun,
    uploadsDir: opts.uploadsDir,
    batchSize: opts.batchSize,
    authors: parsed.authors,
    onProgress: opts.onProgress,
  });
  await importer.add(parsed.posts);
  await importer.flush();
  await importer.importArchives(parsed.archives);
  if (parsed.skippedPages) importer.report.skip("-", `${parsed.skippedPages} page(s)`, "only posts are imported");
  return importer.report;
}
