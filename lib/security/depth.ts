/**
 * Nesting depth of untrusted values, measured without recursion (a recursive walk is what a
 * deep value overflows). Objects and arrays count one level each; a scalar at the top is depth 0.
 */

/** True when a parsed value (objects, arrays) nests deeper than `max`. */
export function depthExceeds(value: unknown, max: number): boolean {
  if (!value || typeof value !== "object") return false;
  const stack: [unknown, number][] = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    if (seen.has(v as object)) continue;
    seen.add(v as object);
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (child && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** True when JSON text nests deeper than `max` (brackets outside strings; the text need not be valid). */
export function jsonTextDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}
