/**
 * A WordPress-6-like export of N posts, written as a stream (any size, constant memory), for the
 * bulk-import test and `npm run bench -- --only import`: authors, nested categories, tags with
 * accents, classic and Gutenberg bodies, inline images (`[caption]` and `<figure>`), featured
 * images as attachments, every status WordPress writes, and hostile HTML (payloads given by the
 * caller, e.g. the XSS corpus) mixed into titles and bodies. Deterministic for a given seed.
 * With `uploadsDir`, the images it names are written there as real JPEGs, as in wp-content/uploads.
 */
import { once } from "node:events";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

import { cdata, WXR_FOOTER, wxrHeader, wxrItem, type WxrPost } from "./wxr-build";

export type GenerateOptions = {
  posts: number;
  /** Approximate size of each body (default ~2 KB); padded with paragraphs. */
  bodyBytes?: number;
  /** Distinct images named by the posts (default 50); they cycle. */
  images?: number;
  /** Hostile strings, one or more put in every `hostileEvery`-th post's body and title. */
  hostile?: readonly string[];
  hostileEvery?: number;
  site?: string;
  seed?: number;
  /** Where to write the images as wp-content/uploads would hold them (none written without it). */
  uploadsDir?: string | null;
};

export type Generated = {
  bytes: number;
  posts: number;
  /** What the importer should do with them. */
  byStatus: Record<string, number>;
  hostilePosts: { id: number; slug: string; payloads: string[] }[];
  images: number;
};

const WORDS = (
  "rédaction enquête municipalité budget école hôpital énergie électricité port grue quai marché " +
  "élection réforme économie entreprise financement transport climat sécheresse agriculture santé université " +
  "recherche données réseau défense diplomatie europe afrique justice procès police culture théâtre musée été"
).split(" ");

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES: [string, number][] = [
  ["publish", 0.8],
  ["draft", 0.06],
  ["pending", 0.04],
  ["future", 0.04],
  ["private", 0.03],
  ["trash", 0.03],
];

/** Nested categories (parent then children), with WordPress's term ids. */
const CATEGORIES = [
  { slug: "actualite", name: "Actualité", parent: "" },
  { slug: "politique", name: "Politique", parent: "actualite" },
  { slug: "economie", name: "Économie", parent: "actualite" },
  { slug: "monde", name: "Monde", parent: "" },
  { slug: "europe", name: "Europe", parent: "monde" },
  { slug: "culture", name: "Culture", parent: "" },
  { slug: "sport", name: "Sport", parent: "" },
  { slug: "sciences", name: "Sciences", parent: "" },
];

export const imagePath = (i: number) => `2024/${String((i % 12) + 1).padStart(2, "0")}/photo-${i}.jpg`;

/** Writes the export to `file`; resolves with what it holds. */
export async function generateWxr(file: string, opts: GenerateOptions): Promise<Generated> {
  const site = opts.site ?? "https://archive.example";
  const random = rng(opts.seed ?? 14);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const imageCount = opts.images ?? 50;
  const bodyBytes = opts.bodyBytes ?? 2000;
  const hostile = opts.hostile ?? [];
  const hostileEvery = opts.hostileEvery ?? 10;
  const authors = Array.from({ length: 20 }, (_, i) => ({ login: `auteur${i + 1}`, email: `auteur${i + 1}@archive.example`, name: `Auteur·e ${i + 1}` }));
  const tags = Array.from({ length: 300 }, (_, i) => {
    const name = `${WORDS[i % WORDS.length][0].toUpperCase()}${WORDS[i % WORDS.length].slice(1)} ${Math.floor(i / WORDS.length) + 1}`;
    return { slug: encodeURIComponent(name.toLowerCase().replace(/ /g, "-")).toLowerCase(), name };
  });

  if (opts.uploadsDir) {
    for (let i = 0; i < imageCount; i++) {
      const target = path.join(opts.uploadsDir, imagePath(i));
      mkdirSync(path.dirname(target), { recursive: true });
      const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 } } })
        .jpeg({ quality: 70 })
        .toBuffer();
      writeFileSync(target, jpeg);
    }
  }

  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, "drain");
  };
  // wxrHeader writes flat categories: nested ones (category_parent) are written here, as WordPress does.
  await write(wxrHeader(site, { authors, tags }));
  for (const [i, c] of CATEGORIES.entries())
    await write(
      `\t<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata(c.parent)}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>\n`,
    );

  const byStatus: Record<string, number> = {};
  const hostilePosts: Generated["hostilePosts"] = [];
  let payload = 0;
  const sentence = () =>
    Array.from({ length: 12 + Math.floor(random() * 12) }, () => pick(WORDS)).join(" ") + (random() < 0.2 ? " : « citation » — l’équipe." : ".");
  const image = (n: number) => `${site}/wp-content/uploads/${imagePath(n % imageCount)}`;

  for (let n = 1; n <= opts.posts; n++) {
    const id = n * 2; // attachments take the odd ids below a billion (wxrItem adds 1e9)
    const gutenberg = n % 2 === 0;
    const status = (() => {
      let r = random();
      for (const [s, p] of STATUSES) if ((r -= p) < 0) return s;
      return "publish";
    })();
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const words = sentence();
    let title = `${n}. ${words.slice(0, 60)}`;
    const slug = `${n}-${WORDS[n % WORDS.length]}-${n % 7 === 0 ? "été-à-paris" : "article"}`;
    const parts: string[] = [];
    const para = (text: string) => (gutenberg ? `<!-- wp:paragraph -->\n<p>${text}</p>\n<!-- /wp:paragraph -->` : text);
    const payloads: string[] = [];
    if (hostile.length && n % hostileEvery === 0) {
      for (let k = 0; k < 3; k++) payloads.push(hostile[payload++ % hostile.length]);
      title = `${n}. ${payloads[0]}`.slice(0, 200);
      hostilePosts.push({ id, slug, payloads });
    }
    parts.push(para(`<strong>${WORDS[n % WORDS.length]}</strong> ${sentence()}`));
    if (n % 3 === 0) {
      const src = image(n);
      parts.push(
        gutenberg
          ? `<!-- wp:image {"id":${n},"sizeSlug":"large"} -->\n<figure class="wp-block-image size-large"><img src="${src}" alt="Photo ${n}" class="wp-image-${n}"/><figcaption class="wp-element-caption">Légende ${n} — © Archive</figcaption></figure>\n<!-- /wp:image -->`
          : `[caption id="attachment_${n}" align="aligncenter" width="1024"]<img class="size-large wp-image-${n}" src="${src}" alt="" width="1024" height="683" /> Légende ${n}[/caption]`,
      );
    }
    for (const p of payloads) parts.push(para(`avant ${p} après`), p);
    if (n % 5 === 0) parts.push(`[gallery ids="1,2,3"]`, `<table><tr><td>${sentence()}</td></tr></table>`);
    if (n % 4 === 0) parts.push(para(`Lire <a href="${site}/2023/01/01/autre/">l’article précédent</a> et <em>${sentence()}</em>`));
    let size = parts.reduce((s, p) => s + p.length, 0);
    while (size < bodyBytes) {
      const p = para(sentence() + " " + sentence());
      parts.push(p);
      size += p.length;
    }
    const category = CATEGORIES[n % CATEGORIES.length];
    const post: WxrPost = {
      id,
      title,
      slug,
      html: parts.join(gutenberg ? "\n\n" : "\n\n"),
      excerpt: n % 2 ? sentence() : "",
      status,
      date: new Date(Date.UTC(2015, 0, 1) + n * 3_600_000 * 7 + (status === "future" ? 20 * 365 * 86_400_000 : 0)),
      author: authors[n % authors.length].login,
      categories: [category, ...(n % 6 === 0 ? [CATEGORIES[(n + 3) % CATEGORIES.length]] : [])],
      tags: Array.from({ length: 1 + (n % 4) }, (_, k) => tags[(n * 7 + k * 13) % tags.length]),
      featuredImage: n % 2 ? { url: image(n + 7), alt: `Une ${n}`, caption: n % 4 === 1 ? `Légende de une ${n}` : "" } : null,
    };
    await write(wxrItem(site, post) + "\n");
  }
  await write(WXR_FOOTER);
  out.end();
  await once(out, "finish");
  return { bytes, posts: opts.posts, byStatus, hostilePosts, images: imageCount };
}
