import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes: 256 bits, twice what guessing would need to be hopeless. */
const TOKEN_BYTES = 32;

export const MIN_EXPIRY_HOURS = 1;
export const MAX_EXPIRY_HOURS = 7 * 24;
export const DEFAULT_EXPIRY_HOURS = 48;

/** The expiry choices offered in the form, in hours (all within the allowed range). */
export const EXPIRY_CHOICES = [1, 6, 24, 48, 72, 168] as const;

/** A new token, URL-safe; only its hash is stored, the token itself is shown once. */
export function newPreviewToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, hex. */
export function hashPreviewToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token as it may appear in an address; anything else is answered like an unknown token. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The expiry instant for a choice of hours, or null when the choice is outside 1 hour–7 days. */
export function previewExpiry(hours: number, now: Date): Date | null {
  if (!Number.isInteger(hours) || hours < MIN_EXPIRY_HOURS || hours > MAX_EXPIRY_HOURS) return null;
  return new Date(now.getTime() + hours * 3_600_000);
}

/** A link opens only before its expiry and while not revoked. */
export function isLinkOpen(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): boolean {
  return link.revokedAt === null && now.getTime() < link.expiresAt.getTime();
}
