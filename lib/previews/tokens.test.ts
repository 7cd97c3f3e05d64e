import { describe, expect, it } from "vitest";

import { DEFAULT_EXPIRY_HOURS, EXPIRY_CHOICES, hashPreviewToken, isLinkOpen, isWellFormedToken, newPreviewToken, previewExpiry } from "./tokens";

const now = new Date("2026-03-01T10:00:00Z");

describe("preview tokens", () => {
  it("carries at least 128 random bits, URL-safe, never twice the same", () => {
    const tokens = new Set(Array.from({ length: 200 }, newPreviewToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(isWellFormedToken(t)).toBe(true);
      expect(Buffer.from(t, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    }
  });

  it("is stored as its SHA-256: stable, hex, not the token", () => {
    const t = newPreviewToken();
    expect(hashPreviewToken(t)).toBe(hashPreviewToken(t));
    expect(hashPreviewToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPreviewToken(t)).not.toContain(t);
    expect(hashPreviewToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("refuses what is not a token", () => {
    for (const bad of ["", "abc", "a".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}/`, "../../etc/passwd"]) expect(isWellFormedToken(bad)).toBe(false);
  });

  it.each([
    [1, "2026-03-01T11:00:00.000Z"],
    [48, "2026-03-03T10:00:00.000Z"],
    [168, "2026-03-08T10:00:00.000Z"],
    [0, null],
    [169, null],
    [1.5, null],
    [-1, null],
    [Number.NaN, null],
  ])("expiry after %s hours: %s", (hours, expected) => {
    expect(previewExpiry(hours, now)?.toISOString() ?? null).toBe(expected);
  });

  it("offers only allowed choices, the default among them", () => {
    expect(EXPIRY_CHOICES).toContain(DEFAULT_EXPIRY_HOURS);
    for (const h of EXPIRY_CHOICES) expect(previewExpiry(h, now)).not.toBeNull();
  });

  it.each([
    ["before expiry", { expiresAt: new Date(now.getTime() + 1), revokedAt: null }, true],
    ["at expiry", { expiresAt: now, revokedAt: null }, false],
    ["after expiry", { expiresAt: new Date(now.getTime() - 1), revokedAt: null }, false],
    ["revoked", { expiresAt: new Date(now.getTime() + 3_600_000), revokedAt: now }, false],
  ])("a link %s opens: %s", (_label, link, open) => {
    expect(isLinkOpen(link, now)).toBe(open);
  });
});
