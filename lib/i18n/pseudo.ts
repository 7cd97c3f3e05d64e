/**
 * The pseudo locale of the "no string left behind" check (e2e/i18n-pseudo.spec.ts): the English
 * catalogue with every letter a message writes turned into an accented look-alike and each
 * message framed by ⟦ ⟧ ("Save" → "⟦Šåṽé⟧"). ICU arguments, plurals, selects and rich-text tags
 * are kept, so the interface renders as usual. Text on a page that still has a plain ASCII
 * letter (and is not user content) did not come from the catalogue.
 *
 * Only a server started with E2E_TEST_HOOKS=1 serves it (`pseudoLocaleRequested` in
 * lib/i18n/interface.ts), to a browser that carries the PSEUDO_COOKIE; dates and numbers are then
 * formatted in English.
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

/** Set in a test browser (value "1") to see the newsroom in the pseudo locale. */
export const PSEUDO_COOKIE = "newsroom-pseudo-locale";

const FROM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const TO = "åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ";
const MAP = new Map([...FROM].map((c, i) => [c, [...TO][i]]));

/** Plain text, accented letter by letter. */
export function accent(text: string): string {
  return [...text].map((c) => MAP.get(c) ?? c).join("");
}

/** Where the message's own text is (not argument names, plural keys or tag names). */
function literalRanges(elements: MessageFormatElement[], out: [number, number][] = []): [number, number][] {
  for (const el of elements) {
    if (el.type === TYPE.literal && el.location) out.push([el.location.start.offset, el.location.end.offset]);
    else if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) literalRanges(o.value, out);
    else if (el.type === TYPE.tag) literalRanges(el.children, out);
  }
  return out;
}

/** One ICU message in the pseudo locale: `Signed in as {name}` → `⟦Šîĝñéð îñ åš {name}⟧`. */
export function pseudoMessage(message: string): string {
  let out = message;
  // Letters only change, one for one in UTF-16 (all look-alikes are in the BMP): offsets hold.
  for (const [start, end] of literalRanges(parse(message, { captureLocation: true }))) {
    out = out.slice(0, start) + accent(out.slice(start, end)) + out.slice(end);
  }
  return `⟦${out}⟧`;
}

type Tree = { [key: string]: string | Tree };

/** A whole catalogue in the pseudo locale (same keys, same arguments). */
export function pseudoCatalogue<T extends object>(messages: T): T {
  const walk = (tree: Tree): Tree => Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, typeof v === "string" ? pseudoMessage(v) : walk(v)]));
  return walk(messages as unknown as Tree) as unknown as T;
}

/** Whether the pseudo locale may be served at all: only by a server started for the e2e suites. */
export function pseudoLocaleEnabled(): boolean {
  return process.env.E2E_TEST_HOOKS === "1";
}
