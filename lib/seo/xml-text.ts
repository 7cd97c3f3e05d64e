/** Removes what XML 1.0 cannot hold at all (control characters, lone surrogates), whatever the escaping. */
export function xmlSafe(text: string): string {
  return text.toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}
