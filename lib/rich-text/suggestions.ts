/**
 * Suggestions (track changes) on Tiptap JSON: what is pending, accepting or rejecting some or
 * all of them, and the public projection. Pure functions, no schema: used by the server
 * (validator, renderer, publication, search, API) and by tests.
 *
 * Readers never see a suggestion: `publicBody` is "reject all" on a copy, so a pending insertion
 * is not published and a pending deletion still is. Every public output goes through it.
 */
import { DELETION, INSERTION, type SuggestionAttrs } from "@/components/editor/suggestions/marks";

export { DELETION, INSERTION };
export type SuggestionKind = typeof INSERTION | typeof DELETION;
export type Suggestion = SuggestionAttrs & { kind: SuggestionKind; text: string };

type JsonMark = { type: string; attrs?: Record<string, unknown> };
type JsonNode = { type?: string; text?: string; marks?: JsonMark[]; content?: JsonNode[]; [key: string]: unknown };

export const MAX_SUGGESTION_NAME = 120;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a suggestion mark's attributes cannot be stored (forged, missing or oversized), or null. */
export function suggestionAttrsProblem(attrs: unknown): string | null {
  const a = (attrs ?? {}) as Record<string, unknown>;
  if (typeof a.id !== "string" || !ID.test(a.id)) return "A suggestion has an invalid identifier.";
  if (typeof a.authorId !== "string" || !ID.test(a.authorId)) return "A suggestion has an invalid author.";
  if (typeof a.authorName !== "string" || !a.authorName.trim() || a.authorName.length > MAX_SUGGESTION_NAME || CONTROL.test(a.authorName)) {
    return "A suggestion has an invalid author name.";
  }
  if (typeof a.at !== "string" || !ISO_TIME.test(a.at) || !Number.isFinite(Date.parse(a.at))) return "A suggestion has an invalid time.";
  return null;
}

function suggestionMark(node: JsonNode): JsonMark | undefined {
  return node.marks?.find((m) => m.type === INSERTION || m.type === DELETION);
}

/** The pending suggestions in document order, one per identifier, with the text they cover. */
export function listSuggestions(doc: unknown): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  const walk = (node: JsonNode) => {
    const mark = suggestionMark(node);
    if (mark) {
      const a = (mark.attrs ?? {}) as SuggestionAttrs;
      const key = `${mark.type}:${a.id}`;
      const text = typeof node.text === "string" ? node.text : node.type === "hardBreak" ? "\n" : "";
      const seen = byId.get(key);
      if (seen) seen.text += text;
      else
        byId.set(key, {
          id: String(a.id),
          authorId: String(a.authorId),
          authorName: String(a.authorName),
          at: String(a.at),
          kind: mark.type as SuggestionKind,
          text,
        });
    }
    node.content?.forEach(walk);
  };
  if (doc && typeof doc === "object") walk(doc as JsonNode);
  return [...byId.values()];
}

/** How many suggestions wait for a decision. */
export function pendingSuggestionCount(doc: unknown): number {
  return listSuggestions(doc).length;
}

export type Decision = "accept" | "reject" | "keep";

function sameMarks(a: JsonMark[] | undefined, b: JsonMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Applies a decision to each suggestion; returns a new document (the input is not changed). */
export function decideSuggestions<T>(doc: T, decide: (s: { id: string; kind: SuggestionKind }) => Decision): T {
  const visit = (node: JsonNode, parent: JsonNode | null): JsonNode | null => {
    const mark = suggestionMark(node);
    let out: JsonNode = node;
    if (mark) {
      const decision = decide({ id: String(mark.attrs?.id ?? ""), kind: mark.type as SuggestionKind });
      const drop = (mark.type === INSERTION && decision === "reject") || (mark.type === DELETION && decision === "accept");
      if (drop) return null;
      if (decision !== "keep") {
        const marks = node.marks!.filter((m) => m !== mark);
        out = { ...node, marks };
        if (!marks.length) delete out.marks;
      }
    }
    if (!Array.isArray(node.content)) return out;
    const children: JsonNode[] = [];
    let dropped = false;
    for (const child of node.content) {
      const kept = visit(child, node);
      if (!kept) {
        dropped = true;
        continue;
      }
      const last = children[children.length - 1];
      // Joins the text that a decision split (same marks on both sides).
      if (last && typeof last.text === "string" && typeof kept.text === "string" && sameMarks(last.marks, kept.marks)) {
        children[children.length - 1] = { ...last, text: last.text + kept.text };
      } else children.push(kept);
    }
    // A paragraph that only held rejected insertions goes with them (not the document's last one).
    if (dropped && !children.length && parent?.type === "doc" && (parent.content?.length ?? 0) > 1) return null;
    return { ...out, content: children };
  };
  if (!doc || typeof doc !== "object") return doc;
  return (visit(doc as JsonNode, null) ?? { ...(doc as JsonNode), content: [] }) as T;
}

export const acceptAllSuggestions = <T>(doc: T): T => decideSuggestions(doc, () => "accept");
export const rejectAllSuggestions = <T>(doc: T): T => decideSuggestions(doc, () => "reject");

/**
 * The body as readers get it: every pending suggestion rejected, on a copy. The one function
 * for public HTML, feeds, search, the content API and published revisions.
 */
export function publicBody<T>(doc: T): T {
  const json = JSON.stringify(doc ?? null);
  return json.includes(`"type":"${INSERTION}"`) || json.includes(`"type":"${DELETION}"`) ? rejectAllSuggestions(doc) : doc;
}
