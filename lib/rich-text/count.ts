/** Word count and reading time, shared by the editor (client) and server code. */
export function wordCount(text: string): number {
  const words = text.trim().match(/[\p{L}\p{N}][\p{L}\p{N}’'\-]*/gu);
  return words ? words.length : 0;
}

export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}
