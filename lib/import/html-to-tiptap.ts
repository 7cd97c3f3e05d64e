/**
 * Post HTML from another system (WordPress classic or Gutenberg, Ghost) → our article schema.
 * The HTML is cleaned on a detached happy-dom document (no script runs, nothing is fetched),
 * then parsed by the editor's own extensions and validated by parseBody, exactly like a save
 * from the editor. What the schema cannot hold is removed and named in `dropped`.
 */
import { getSchema } from "@tiptap/core";
import { DOMParser as ProseMirrorParser, type Schema } from "@tiptap/pm/model";
import { Window, type Element as DomElement } from "happy-dom";

import { articleExtensions, isAllowedHref, isAllowedImageSrc } from "@/components/editor/extensions";
import type { TiptapDoc } from "@/db/schema";
import { docFromParagraphs, EMPTY_DOC, parseBody } from "@/lib/rich-text/body";

import { decodeURIComponentSafe } from "./permalinks";

export { decodeURIComponentSafe };

export type Conversion = { doc: TiptapDoc; dropped: string[]; images: string[] };
/** Maps an image address of the old site to ours (an uploaded copy) or null to keep it as it is. */
export type ImageMap = ReadonlyMap<string, string>;

// Elements whose whole content goes: nothing in them can be represented (or should be).
const DROPPED_ELEMENTS = [
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "table",
  "form",
  "input",
  "button",
  "select",
  "textarea",
  "video",
  "audio",
  "canvas",
  "svg",
  "math",
  "map",
  "link",
  "meta",
  "base",
];
// Gutenberg blocks and classic markup standing for embeds and galleries.
// (Tables, videos and audio are dropped as elements above, wherever they sit.)
const DROPPED_CLASSES = ["gallery", "wp-block-gallery", "wp-block-embed", "kg-gallery-card", "kg-embed-card"];
const DROPPED_SELECTOR = DROPPED_ELEMENTS.join(", ");
const DROPPED_ELEMENTS_UPPER = DROPPED_ELEMENTS.map((t) => t.toUpperCase());
const DROPPED_CLASS_SELECTOR = DROPPED_CLASSES.map((c) => `.${c}`).join(", ");
// Shortcodes whose content is an embed (dropped with it); others lose only their brackets.
const EMBED_SHORTCODES = new Set(["gallery", "embed", "audio", "video", "playlist", "wpvideo", "youtube", "vimeo", "soundcloud", "tweet", "instagram"]);

const BLOCK_START =
  /^<(p|div|h[1-6]|ul|ol|li|blockquote|pre|figure|table|hr|dl|address|section|article|aside|header|footer|form|iframe|script|style|!--)[\s>/]/i;

/** WordPress's wpautop, reduced: classic posts separate paragraphs by blank lines, not <p>. */
export function autop(html: string): string {
  if (/<!--\s*wp:/.test(html)) return html;
  const chunks = html
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((c) => c.trim())
    .filter(Boolean);
  return chunks.map((c) => (BLOCK_START.test(c) ? c : `<p>${c.replace(/\n/g, "<br>")}</p>`)).join("\n");
}

/** `[caption …]<img …> Text[/caption]` → a figure; other shortcodes removed and listed. */
export function replaceShortcodes(html: string, dropped: string[]): string {
  let out = html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_m, _attrs: string, inner: string) => {
    const img = /<img[^>]*>/i.exec(inner)?.[0] ?? "";
    const link = /<a[^>]*>\s*<img[^>]*>\s*<\/a>/i.exec(inner)?.[0];
    const caption = inner
      .replace(link ?? img, "")
      .replace(/<[^>]*>/g, "")
      .trim();
    return `<figure>${img}<figcaption>${caption}</figcaption></figure>`;
  });
  out = out.replace(/\[([a-z][a-z0-9_-]*)(\s[^\]]*)?\]([\s\S]*?)\[\/\1\]/gi, (_m, name: string, _a, inner: string) => {
    dropped.push(`shortcode [${name.toLowerCase()}]`);
    return EMBED_SHORTCODES.has(name.toLowerCase()) ? "" : inner;
  });
  // Self-closing or unpaired: a known embed name, or any name followed by attributes (name="…").
  out = out.replace(/\[([a-z][a-z0-9_-]*)((?:\s+[a-z0-9_-]+=(?:"[^"]*"|'[^']*'|[^\s\]]+))*)\s*\/?\]/gi, (m, name: string, attrs: string) => {
    if (!EMBED_SHORTCODES.has(name.toLowerCase()) && !attrs.trim()) return m;
    dropped.push(`shortcode [${name.toLowerCase()}]`);
    return "";
  });
  return out;
}

function fileAlt(src: string): string {
  const file = decodeURIComponentSafe(src.split(/[?#]/)[0].split("/").pop() ?? "");
  const name = file
    .replace(/\.[a-z0-9]+$/i, "")
    .replace(/-\d+x\d+$/, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return name || "Image";
}

function count(list: string[]): string[] {
  const n = new Map<string, number>();
  for (const d of list) n.set(d, (n.get(d) ?? 0) + 1);
  return [...n].map(([d, k]) => (k > 1 ? `${d} ×${k}` : d));
}

/** Every image address in the HTML (after shortcodes), so the caller can upload them first. */
export function imageSources(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) out.add((m[2] ?? m[3] ?? m[4] ?? "").replace(/&amp;/g, "&"));
  return [...out].filter(Boolean);
}

/**
 * The editor's schema and its HTML parser, built once: what `generateJSON` from @tiptap/html
 * does per call (a new happy-dom Window, a schema from the extensions, a second parse of the
 * HTML) took most of a post's conversion time. The rules are the same extensions' parseHTML.
 */
let parser: { schema: Schema; parse: ProseMirrorParser } | null = null;
function editorParser() {
  if (!parser) {
    const schema = getSchema(articleExtensions());
    parser = { schema, parse: ProseMirrorParser.fromSchema(schema) };
  }
  return parser;
}

let windowInstance: Window | null = null;
function documentFor(html: string) {
  windowInstance ??= new Window({
    settings: {
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
    },
  });
  const doc = new windowInstance.DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, "text/html");
  return doc;
}

/**
 * Removes the matched elements; returns, per rank (the position of its kind in a list), the ones
 * that a removal pass per rank in order would have found still in the document: no matched
 * ancestor of the same or an earlier rank.
 */
function removeOutermost(matched: DomElement[], rank: (el: DomElement) => number): Map<number, DomElement[]> {
  const set = new Set(matched);
  const out = new Map<number, DomElement[]>();
  const found = matched.map((el) => {
    const r = rank(el);
    for (let up = el.parentElement; up; up = up.parentElement) if (set.has(up) && rank(up) <= r) return null;
    return { el, r };
  });
  for (const f of found) if (f && f.r >= 0) out.set(f.r, [...(out.get(f.r) ?? []), f.el]);
  for (const el of matched) el.remove();
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/**
 * Converts post HTML. `images` maps old addresses to uploaded copies; an image neither mapped
 * nor https stays out (reported), an https one is kept as an external image.
 */
export function htmlToDoc(rawHtml: string, images: ImageMap = new Map()): Conversion {
  const dropped: string[] = [];
  const kept: string[] = [];
  const html = autop(replaceShortcodes(rawHtml.replace(/<!--[\s\S]*?-->/g, ""), dropped));
  const document = documentFor(html);
  const body = document.body;

  // One walk for all of them (a selector per element type walked the tree thirty times); the
  // report keeps its order: elements by the list's order, then classes.
  // One walk for all of them (a selector per element type walked the tree thirty times). What
  // is reported is what a pass per type, in the lists' order, would report: an element inside
  // one that such a pass removed first is not named.
  // Upper case, as the selector matches: <ſcript> is an SCRIPT there (ſ upper-cases to S).
  const elementRank = (el: DomElement) => DROPPED_ELEMENTS_UPPER.indexOf(el.tagName.toUpperCase());
  const byTag = removeOutermost([...body.querySelectorAll(DROPPED_SELECTOR)], elementRank);
  for (const [index, els] of byTag.entries()) {
    // Ghost cards that have no HTML equivalent arrive as <iframe data-card="bookmark">.
    for (const el of els) dropped.push(el.getAttribute("data-card") ? `${el.getAttribute("data-card")} card` : DROPPED_ELEMENTS[index]);
  }
  const classRank = (el: DomElement) => DROPPED_CLASSES.findIndex((cls) => el.classList.contains(cls));
  const byClass = removeOutermost([...body.querySelectorAll(DROPPED_CLASS_SELECTOR)], classRank);
  for (const [index, els] of byClass.entries()) {
    const cls = DROPPED_CLASSES[index];
    dropped.push(...els.map(() => (cls.includes("gallery") ? "gallery" : cls.replace(/^wp-block-|^kg-|-card$/g, ""))));
  }
  // Our headings are levels 2 to 4 (the headline is the h1).
  for (const h of [...body.querySelectorAll("h1, h5, h6")]) {
    const to = document.createElement(h.tagName === "H1" ? "h2" : "h4");
    to.append(...h.childNodes);
    h.replaceWith(to);
  }
  for (const a of [...body.querySelectorAll("a")]) {
    const href = a.getAttribute("href");
    if (href === null || isAllowedHref(href)) continue;
    dropped.push("link with an address that is not allowed");
    a.replaceWith(...a.childNodes);
  }
  // Images: figure captions become the image's caption; addresses are mapped or checked.
  for (const img of [...body.querySelectorAll("img")]) {
    const original = (img.getAttribute("src") ?? "").trim();
    const src = images.get(original) ?? original;
    if (!isAllowedImageSrc(src)) {
      dropped.push(src.startsWith("http:") ? "image over http (not https)" : "image with an address that is not allowed");
      img.remove();
      continue;
    }
    const figure = img.closest("figure");
    const caption = figure?.querySelector("figcaption")?.textContent?.replace(/\s+/g, " ").trim() ?? "";
    const alt = img.getAttribute("alt")?.trim() || caption || fileAlt(src);
    for (const attr of [...img.attributes]) img.removeAttribute(attr.name);
    img.setAttribute("src", src);
    img.setAttribute("alt", alt.slice(0, 500));
    if (caption) img.setAttribute("data-caption", caption.slice(0, 1000));
    if (!images.has(original) && !src.startsWith("/uploads/")) kept.push(src);
    // A linked image: the link cannot wrap a block image.
    const link = img.parentElement?.tagName === "A" ? img.parentElement : null;
    if (link) link.replaceWith(img);
    if (figure) figure.replaceWith(img);
  }
  for (const fc of [...body.querySelectorAll("figcaption")]) fc.remove();

  let json: unknown;
  try {
    json = editorParser()
      .parse.parse(body as unknown as globalThis.Node)
      .toJSON();
  } catch {
    json = null;
  }
  const parsed = parseBody(json);
  if (parsed.ok) return { doc: parsed.doc, dropped: count(dropped), images: kept };
  // Beyond what the schema holds (nested too deep…): keep the words as plain paragraphs.
  const text = (body.textContent ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const fallback = parseBody(docFromParagraphs(text));
  dropped.push(`formatting (${parsed.error})`);
  return { doc: fallback.ok ? fallback.doc : EMPTY_DOC, dropped: count(dropped), images: [] };
}
