/** Word count and reading time, shared by the editor (client) and server code. */
export function wordCount(text: string): number {
  const words = text.trim().match(/[\p{L}\p{N}][\p{L}\p{N}’'\-]*/gu);
  return words ? words.length : 0;
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}

// Chinese, Japanese and Korean are read by the character (about 500 a minute), not by the word.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Minutes to read a text in any script: words at 230 a minute, CJK characters at 500. */
export function readingMinutesOf(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = wordCount(text.replace(CJK, " "));
  return Math.max(1, Math.round(words / 230 + cjk / 500));
}

/** The same for server-rendered HTML (tags dropped; entities count as nothing). */
export function readingMinutesOfHtml(html: string): number {
  return readingMinutesOf(html.replace(/<[^>]*>/g, " ").replace(/&[#a-z0-9]+;/gi, " "));
}
