/**
 * `@name` mentions in a comment: the newsroom users whose full name follows an "@" (case and
 * accents as typed, longest name first, so "@Anne Marie" is not "@Anne"). Plain text only: the
 * comment is always rendered as text, a mention is never markup.
 */
export type Mentionable = { id: string; name: string };

const WORD = /[\p{L}\p{N}_]/u;

export function findMentions(body: string, people: readonly Mentionable[]): string[] {
  const sorted = [...people].filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLocaleLowerCase("en");
  const found = new Set<string>();
  for (let i = lower.indexOf("@"); i !== -1; i = lower.indexOf("@", i + 1)) {
    if (i > 0 && WORD.test(lower[i - 1])) continue; // an e-mail address, not a mention
    const rest = lower.slice(i + 1);
    const who = sorted.find((p) => {
      const name = p.name.trim().toLocaleLowerCase("en");
      return rest.startsWith(name) && !WORD.test(rest.charAt(name.length));
    });
    if (who) found.add(who.id);
  }
  return [...found];
}
