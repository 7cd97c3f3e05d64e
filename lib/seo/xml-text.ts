/** Removes what XML 1.0 cannot hold at all (control characters, lone surrogates), whatever the escaping. */
export function xmlSafe(text: string): string {
  return text.toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

/**
 * For text the feed library puts in CDATA (item title, description, content). Its XML writer
 * (xml-js) splits only the FIRST "]]>" of a text; a second one ended the section early, so a
 * body holding two made the whole feed invalid XML and let the rest of the text through as
 * markup. We split every later occurrence ourselves and leave the first to xml-js (splitting it
 * too would be done twice). lib/seo/feeds.test.ts round-trips the text through a real parser.
 */
export function cdataSafe(text: string): string {
  const safe = xmlSafe(text);
  const first = safe.indexOf("]]>");
  if (first < 0) return safe;
  return safe.slice(0, first + 3) + safe.slice(first + 3).replaceAll("]]>", "]]]]><![CDATA[>");
}

/**
 * Plain text made HTML text, for the parts of a feed that readers render as HTML (an item's
 * <description>): the dek is plain text, shown as typed on the page, so it must reach
 * a feed reader as text too, never as markup.
 */
export function htmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
