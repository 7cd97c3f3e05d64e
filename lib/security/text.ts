/**
 * PostgreSQL text and jsonb cannot hold U+0000: a NUL typed or pasted into any field made the
 * query fail and the user saw an error page instead of a save. It carries no meaning in any of
 * our fields, so it is dropped from untrusted input (strings, and object keys, at any depth)
 * before validation, the way browsers already drop it from form fields.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replaceAll("\u0000", "") : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[withoutNul(k)] = withoutNul(v);
    return out as T;
  }
  return value;
}
