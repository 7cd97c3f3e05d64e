/**
 * PostgreSQL text and jsonb cannot hold U+0000: a NUL typed or pasted into any field made the
 * query fail and the user saw an error page instead of a save. It carries no meaning in any of
 * our fields, so it is dropped from untrusted input (strings, and object keys, at any depth)
 * before validation, the way browsers already drop it from form fields.
 */
const MAX_CLEAN_DEPTH = 256;

export function withoutNul<T>(value: T, depth = 0): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  // Deeper than any field we accept (validation refuses it, e.g. "The body is nested too
  // deeply"): left as it is rather than overflowing the stack into a 500.
  if (depth >= MAX_CLEAN_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => withoutNul(v, depth + 1)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[withoutNul(k)] = withoutNul(v, depth + 1);
    return out as T;
  }
  return value;
}
