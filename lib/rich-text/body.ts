/**
 * Server-side trust boundary for article bodies: client Tiptap JSON is parsed against the
 * editor's own schema (unknown nodes and marks refused, attributes reduced to the declared
 * ones), links and images checked, then rendered to HTML on the server by the same extensions.
 */
import { getSchema } from "@tiptap/core";
import { generateHTML } from "@tiptap/html";
import { Node as PMNode, type Schema } from "@tiptap/pm/model";

import { articleExtensions, isAllowedHref, isAllowedImageSrc } from "@/components/editor/extensions";
import type { TiptapDoc } from "@/db/schema";
import { depthExceeds, jsonTextDepthExceeds } from "@/lib/security/depth";
import { frenchSpacesForReading, typographyLanguage } from "@/lib/typography/rules";

import { DELETION, INSERTION, publicBody, suggestionAttrsProblem } from "./suggestions";

export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/**
 * How deep a document may nest, counting JSON objects and arrays (a node is an object plus its
 * content array, a list level two nodes): 128 allows some 30 lists inside each other, far beyond
 * what anyone writes. A document nested 1,000 levels was accepted and then broke the pages that
 * show it; deeper ones overflowed the stack of the recursive walks (HTTP 500).
 */
export const MAX_BODY_DEPTH = 128;
export const TOO_DEEP = "The body is nested too deeply (lists or quotes inside each other).";
const HEADING_LEVELS: unknown[] = [2, 3, 4];
export const EMPTY_DOC: TiptapDoc = { type: "doc", content: [] };

let cachedSchema: Schema | null = null;
function schema(): Schema {
  cachedSchema ??= getSchema(articleExtensions());
  return cachedSchema;
}

export type BodyResult = { ok: true; doc: TiptapDoc } | { ok: false; error: string };

function checkTree(node: PMNode): string | null {
  let problem: string | null = null;
  node.descendants((child) => {
    if (problem) return false;
    for (const mark of child.marks) {
      if (mark.type.name === "link" && !isAllowedHref(mark.attrs.href)) {
        problem = "Links must start with http://, https:// or mailto:.";
      }
      if (mark.type.name === INSERTION || mark.type.name === DELETION) problem ??= suggestionAttrsProblem(mark.attrs);
    }
    if (child.type.name === "heading" && !HEADING_LEVELS.includes(child.attrs.level)) problem = "Headings can only be of levels 2 to 4.";
    if (child.type.name === "image") {
      if (!isAllowedImageSrc(child.attrs.src)) problem = "An image has an address that is not allowed.";
      else if (!String(child.attrs.alt ?? "").trim()) problem = "Every image needs alt text.";
    }
    return !problem;
  });
  return problem;
}

/**
 * Links keep only their address and title: target, rel and class come from the schema, not from
 * the client, so a crafted save cannot style a link over the page (class) or open it without
 * noopener (target/rel). Pasted links carry such attributes too, hence normalised, not refused.
 */
const LINK_ATTRS = { target: null, rel: "noopener noreferrer nofollow", class: null };
function pinLinkAttrs(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(pinLinkAttrs);
  if (!json || typeof json !== "object") return json;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) out[k] = pinLinkAttrs(v);
  if (out.type === "link" && out.attrs && typeof out.attrs === "object") out.attrs = { ...out.attrs, ...LINK_ATTRS };
  return out;
}

/**
 * Text marked both as a suggested insertion and a suggested deletion keeps the insertion. The two
 * exclude each other in the schema, and one editor never makes both, but two people suggesting at
 * once can: one types (Suggest on) inside a range the other marks for deletion at the same moment,
 * and the shared document (Yjs formats by range) gives the new letters both marks. Refusing such a
 * body would stop the whole document from being saved; the text is someone's pending suggestion
 * either way, so it stays one, for the editor to accept or reject (readers do not see it).
 */
function settleSuggestionOverlap(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(settleSuggestionOverlap);
  if (!json || typeof json !== "object") return json;
  const node = json as { marks?: unknown; content?: unknown };
  let out = node;
  if (Array.isArray(node.content)) out = { ...out, content: node.content.map(settleSuggestionOverlap) };
  if (Array.isArray(node.marks)) {
    const type = (m: unknown) => (m && typeof m === "object" ? (m as { type?: unknown }).type : undefined);
    if (node.marks.some((m) => type(m) === INSERTION) && node.marks.some((m) => type(m) === DELETION))
      out = { ...out, marks: node.marks.filter((m) => type(m) !== DELETION) };
  }
  return out;
}

/** Parses untrusted JSON (object or string) into a normalised, schema-valid document. */
export function parseBody(input: unknown): BodyResult {
  let value = input;
  // Before anything walks it: every check below (even measuring it) recurses.
  if (typeof value === "string" ? jsonTextDepthExceeds(value, MAX_BODY_DEPTH) : depthExceeds(value, MAX_BODY_DEPTH)) return { ok: false, error: TOO_DEEP };
  if (typeof value === "string") {
    if (Buffer.byteLength(value, "utf8") > MAX_BODY_BYTES) return { ok: false, error: "The body is larger than 2 MB." };
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, error: "The body could not be read." };
    }
  } else if (Buffer.byteLength(JSON.stringify(value ?? null), "utf8") > MAX_BODY_BYTES) {
    return { ok: false, error: "The body is larger than 2 MB." };
  }
  if (!value || typeof value !== "object" || (value as { type?: unknown }).type !== "doc") {
    return { ok: false, error: "The body is not a document." };
  }
  let node: PMNode;
  try {
    node = PMNode.fromJSON(schema(), settleSuggestionOverlap(value));
    node.check();
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid content";
    return { ok: false, error: `The body contains content that is not allowed (${detail.slice(0, 120)}).` };
  }
  const problem = checkTree(node);
  if (problem) return { ok: false, error: problem };
  return { ok: true, doc: pinLinkAttrs(node.toJSON()) as TiptapDoc };
}

function mapText(json: unknown, fn: (text: string) => string): unknown {
  if (Array.isArray(json)) return json.map((n) => mapText(n, fn));
  if (!json || typeof json !== "object") return json;
  const node = json as { text?: unknown; content?: unknown };
  if (typeof node.text === "string") return { ...node, text: fn(node.text) };
  return Array.isArray(node.content) ? { ...node, content: mapText(node.content, fn) } : node;
}

/**
 * HTML for readers (pending suggestions rejected: see publicBody). Text is escaped by the renderer; attributes are limited to the schema's. In a
 * French article the spaces around ; : ! ? « » are narrow no-break ones, so no line starts with them.
 */
export function renderBodyHtml(doc: TiptapDoc, language?: string): string {
  const parsed = parseBody(doc);
  if (!parsed.ok) return "";
  const shown = publicBody(parsed.doc);
  const readable = typographyLanguage(language) === "fr" ? mapText(shown, frenchSpacesForReading) : shown;
  return generateHTML(readable as Parameters<typeof generateHTML>[0], articleExtensions());
}

/** Plain text of a document as readers get it (pending suggestions rejected), for word counts, search and excerpts. */
export function bodyText(doc: TiptapDoc): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== "object") return;
    const node = n as { type?: string; text?: string; content?: unknown[] };
    if (typeof node.text === "string") out.push(node.text);
    if (Array.isArray(node.content)) {
      node.content.forEach(walk);
      if (node.type && node.type !== "text" && node.type !== "doc") out.push("\n");
    }
  };
  walk(publicBody(doc));
  return out
    .join("")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

export function hasBodyText(doc: TiptapDoc): boolean {
  return bodyText(doc).trim().length > 0 || JSON.stringify(doc).includes('"type":"image"');
}

export { readingMinutes, wordCount } from "./count";

/** Builds a body from plain paragraphs (seed data, tests). */
export function docFromParagraphs(paragraphs: string[]): TiptapDoc {
  return {
    type: "doc",
    content: paragraphs.map((text) => ({ type: "paragraph", content: text ? [{ type: "text", text }] : [] })),
  };
}
