import { describe, expect, it } from "vitest";

import { listingDescription, ogLocale } from "./og-locale";

describe("ogLocale", () => {
  it.each([
    ["fr", "fr_FR"],
    ["fr-CA", "fr_CA"],
    ["en", "en_GB"],
    ["ar", "ar_AR"],
    ["eu", "eu_EU"],
    ["", undefined],
    ["fr_FR<script>", undefined],
    [null, undefined],
  ])("%s → %s", (input, expected) => expect(ogLocale(input)).toBe(expected));
});

describe("listingDescription", () => {
  it("lists the first headlines after the lead-in", () => {
    expect(listingDescription("Articles sur #Cyber", ["Un", "Deux"])).toBe("Articles sur #Cyber : Un · Deux");
  });
  it("stays under 160 characters, cut at a word", () => {
    const d = listingDescription("Articles sur #Cyber", ["Une attaque informatique paralyse onze hôpitaux", "Pékin dément", "x".repeat(200)]);
    expect(d.length).toBeLessThanOrEqual(160);
    expect(d.endsWith("…")).toBe(true);
    expect(d).toContain("Pékin dément");
  });
  it("is the lead-in alone for an empty listing", () => expect(listingDescription("Économie", [])).toBe("Économie"));
});
