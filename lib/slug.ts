/**
 * Slugs fold accents and case: "La Chine nie toute implication" → "la-chine-nie-toute-implication",
 * "#CybersécuritéFrançaise" → "cybersecurite-francaise". Tag identity is its slug.
 */
export function slugify(input: string, maxLength = 80): string {
  const spaced = input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    // Recompose what was not a Latin accent (Japanese dakuten, Hangul…).
    .normalize("NFC")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "Oe")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "Ae")
    .replace(/ß/g, "ss")
    // Split CamelCase words (CybersecuriteFrancaise → Cybersecurite Francaise), keep acronyms (APT41).
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  const slug = spaced
    .toLowerCase()
    .replace(/['’`]/g, "-")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/-{2,}/g, "-");
  if (slug.length <= maxLength) return slug;
  return slug.slice(0, maxLength).replace(/-[^-]*$/, "") || slug.slice(0, maxLength);
}

/** A tag as typed ("#CybersécuritéFrançaise") → its display name ("CybersécuritéFrançaise"). */
export function tagDisplayName(input: string): string {
  return input.trim().replace(/^#+/, "").replace(/\s+/g, " ").trim();
}
