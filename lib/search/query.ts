/** Longest query we hand to PostgreSQL: longer input is cut, never refused. */
export const MAX_QUERY_CHARS = 200;

/** Sentinels ts_headline puts around matches; they never survive in stored text (see normalizeSearchQuery). */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";
/** Stands in for "<" inside ts_headline, which would otherwise strip tag-like text such as "<script>". */
export const LT_STAND_IN = "\uE002";

/**
 * Makes any reader input safe to bind: well-formed Unicode, no NUL (PostgreSQL text refuses it),
 * no private-use sentinels, collapsed whitespace, capped length. Syntax is left to
 * websearch_to_tsquery, which never raises on odd input.
 */
export function normalizeSearchQuery(raw: unknown): string {
  if (typeof raw !== "string") return "";
  const text = raw
    .slice(0, MAX_QUERY_CHARS * 4)
    .toWellFormed()
    .replace(/[\u0000-\u001f\u007f\uE000-\uF8FF]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return Array.from(text).slice(0, MAX_QUERY_CHARS).join("").trim();
}

export type SnippetPart = { text: string; mark: boolean };

/** Splits a ts_headline result into plain and highlighted parts, for React to escape and wrap. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  for (const piece of snippet.split(/([\uE000\uE001])/)) {
    if (piece === MARK_START) mark = true;
    else if (piece === MARK_END) mark = false;
    else if (piece) parts.push({ text: piece.replaceAll(LT_STAND_IN, "<"), mark });
  }
  return parts;
}
