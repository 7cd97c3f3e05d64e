/**
 * Typography as you type, as pure rules: given the text before the caret in its paragraph and the
 * character just typed, what to write instead. French gets ’, « » with narrow no-break spaces
 * inside, a narrow no-break space before ; : ! ? and …; English gets curly quotes only. Nothing
 * is changed inside what looks like an address (https://…, a@b.fr, ?q=…) or a time (10:30).
 */
export const NNBSP = "\u202F";
export const NBSP = "\u00A0";

export type TypographyLanguage = "fr" | "en";
/** Replace the last `deleteBefore` characters before the caret, and the typed one, by `insert`. */
export type Substitution = { deleteBefore: number; insert: string };

/** "fr-CA" → fr, "en-GB" → en; other languages get no substitutions. */
export function typographyLanguage(language: string | null | undefined): TypographyLanguage | null {
  const base = (language ?? "").toLowerCase().split(/[-_]/)[0];
  return base === "fr" || base === "en" ? base : null;
}

const SCHEME = /(^|[^\p{L}\p{N}])(https?|ftps?|mailto|tel|sms|file|data|geo|urn|news|irc|ssh|git|www)$/iu;
/** The word being typed (since the last space) is part of an address, an e-mail or a query string. */
function inAddress(token: string): boolean {
  return /[/\\@=&#%]|[\p{L}\p{N}]\.[\p{L}\p{N}]|:\/\//u.test(token) || SCHEME.test(token);
}

// \s in JavaScript also matches the no-break spaces: "regular" means an ordinary breaking space.
const REGULAR_SPACES = /[ \t\u2000-\u200A\u3000]+$/;
const OPENS_QUOTE = /[\s([{\u2014\u2013\u00AB\u201C\u2018/-]/u;

function opensAt(before: string): boolean {
  const last = before.at(-1);
  return last === undefined || last === "\uFFFC" || OPENS_QUOTE.test(last);
}

function quoteOpen(before: string): boolean {
  let depth = 0;
  for (const ch of before) depth += ch === "«" ? 1 : ch === "»" ? -1 : 0;
  return depth > 0;
}

/** Before a French closing mark: a typed space becomes a narrow no-break one, or one is added. */
function spacedBefore(before: string, mark: string): Substitution {
  const spaces = REGULAR_SPACES.exec(before);
  if (spaces) return { deleteBefore: spaces[0].length, insert: NNBSP + mark };
  const last = before.at(-1);
  if (last === NNBSP || last === NBSP || last === undefined) return { deleteBefore: 0, insert: mark };
  return { deleteBefore: 0, insert: NNBSP + mark };
}

function french(before: string, typed: string, token: string): Substitution | null {
  switch (typed) {
    case "'":
      return inAddress(token) ? null : { deleteBefore: 0, insert: "’" };
    case '"':
      // A quote left open in the paragraph is closed, even after a space ("Bonjour ").
      if (!quoteOpen(before) && opensAt(before)) return { deleteBefore: 0, insert: `«${NNBSP}` };
      return spacedBefore(before, "»");
    case "«":
      return { deleteBefore: 0, insert: `«${NNBSP}` };
    case "»":
      return spacedBefore(before, "»");
    case " ":
      // « is followed by its own narrow space: the space typed out of habit is not doubled.
      return before.endsWith(`«${NNBSP}`) ? { deleteBefore: 0, insert: "" } : null;
    case ".":
      return before.endsWith("..") && !inAddress(token) ? { deleteBefore: 2, insert: "…" } : null;
    case ";":
    case ":":
    case "!":
    case "?": {
      const last = before.at(-1);
      if (last === undefined || last === "\uFFFC" || inAddress(token)) return null;
      if (typed === ":" && /\p{N}/u.test(last)) return null; // 10:30, 1:2
      if (/[;:!?]/.test(last)) return null; // ?! and !!! keep one space before the first
      if (REGULAR_SPACES.test(before) && before.trim() === "") return null;
      return spacedBefore(before, typed);
    }
    default:
      return null;
  }
}

function english(before: string, typed: string, token: string): Substitution | null {
  if (typed === "'") return inAddress(token) ? null : { deleteBefore: 0, insert: opensAt(before) ? "‘" : "’" };
  if (typed === '"') return { deleteBefore: 0, insert: opensAt(before) ? "“" : "”" };
  return null;
}

/**
 * What to write for `typed` after `before` (the paragraph's text up to the caret; a non-text
 * node counts as U+FFFC), or null to let the character through unchanged.
 */
export function substitute(language: TypographyLanguage, before: string, typed: string): Substitution | null {
  const token = /[^\s]*$/.exec(before)?.[0] ?? "";
  return language === "fr" ? french(before, typed, token) : english(before, typed, token);
}

/** Applies the rules to text typed one character at a time (tests, and what the editor does). */
export function typeText(language: TypographyLanguage, text: string, start = ""): string {
  let out = start;
  for (const ch of text) {
    const sub = substitute(language, out, ch);
    out = sub ? out.slice(0, out.length - sub.deleteBefore) + sub.insert : out + ch;
  }
  return out;
}

const FRENCH_SPACE_BEFORE = /[ \u00A0]+(?=[;:!?»])/g;
const FRENCH_SPACE_AFTER = /(«)[ \u00A0]+/g;

/**
 * For readers: in French text an ordinary or no-break space before ; : ! ? » or after « becomes
 * a narrow no-break space, so a line never breaks between a word and its punctuation, whether the
 * space was typed with typography on, off, or pasted. "10 : 30" keeps its meaning; URLs have no spaces.
 */
export function frenchSpacesForReading(text: string): string {
  return text.replace(FRENCH_SPACE_BEFORE, NNBSP).replace(FRENCH_SPACE_AFTER, `$1${NNBSP}`);
}
