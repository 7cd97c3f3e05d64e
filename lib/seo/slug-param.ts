import { decodePathSegment } from "./path-segment.mjs";

/**
 * A route's [slug] as stored (lib/slug.ts makes kebab-case from letters and digits, CJK included),
 * or null for anything else, which then answers 404 before any cache or database read.
 */
export function slugParam(raw: string): string | null {
  const value = decodePathSegment(raw);
  if (value === null) return null;
  return value.length <= 200 && /^[\p{Ll}\p{Lo}\p{Lm}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}]+)*$/u.test(value) ? value : null;
}
