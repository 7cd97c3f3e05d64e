import { describe, expect, it } from "vitest";

import { dictionaryFor, formatDate, formatDateTime, formatFullDate } from "./dictionaries";

describe("reader-facing dates", () => {
  const at = new Date("2026-11-29T23:30:00Z");

  it("the masthead's day in full, in the site's language and time zone", () => {
    expect(formatFullDate(at, "fr", "Europe/Paris")).toBe("lundi 30 novembre 2026");
    expect(formatFullDate(at, "en", "America/New_York")).toBe("Sunday, November 29, 2026");
  });

  it("a malformed language tag falls back to English rather than failing the page", () => {
    expect(formatFullDate(at, "not a tag!", "Europe/Paris")).toBe("Monday, November 30, 2026");
    expect(formatDate(at, "??", "Europe/Paris")).toBe("November 30, 2026");
  });

  it("one formatter per language, style and zone: the styles do not mix", () => {
    expect(formatDate(at, "fr", "Europe/Paris")).toBe("30 novembre 2026");
    expect(formatDateTime(at, "fr", "Europe/Paris")).toBe("30 novembre 2026 à 00:30");
    expect(formatFullDate(at, "fr", "Europe/Paris")).toBe("lundi 30 novembre 2026");
  });

  it("writes the first of the month as French does: 1er décembre, not 1 décembre (11 stays 11)", () => {
    const first = new Date("2026-12-01T09:30:00Z");
    expect(formatDate(first, "fr", "Europe/Paris")).toBe("1er décembre 2026");
    expect(formatFullDate(first, "fr", "Europe/Paris")).toBe("mardi 1er décembre 2026");
    expect(formatDateTime(first, "fr-CA", "Europe/Paris")).toMatch(/^1er décembre 2026/);
    expect(formatDate(new Date("2026-12-11T09:30:00Z"), "fr", "Europe/Paris")).toBe("11 décembre 2026");
    expect(formatDate(first, "en", "Europe/Paris")).toBe("December 1, 2026");
  });
});

describe("the author cards' heading", () => {
  it("is singular for one author, plural for several, in the article's language", () => {
    expect(dictionaryFor("fr").aboutAuthor).toBe("À propos de l’auteur");
    expect(dictionaryFor("fr").aboutAuthors).toBe("À propos des auteurs");
    expect(dictionaryFor("en").aboutAuthor).toBe("About the author");
    expect(dictionaryFor("en").aboutAuthors).toBe("About the authors");
  });
});
