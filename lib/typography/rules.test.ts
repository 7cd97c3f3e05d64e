import { describe, expect, it } from "vitest";

import { frenchSpacesForReading, NNBSP, substitute, typeText, typographyLanguage } from "./rules";

const n = NNBSP;

describe("French typography as you type", () => {
  const cases: [typed: string, expected: string][] = [
    ["l'article", "l’article"],
    ["aujourd'hui", "aujourd’hui"],
    ['"Bonjour"', `«${n}Bonjour${n}»`],
    ['Il a dit "oui" hier', `Il a dit «${n}oui${n}» hier`],
    ['"Bonjour "', `«${n}Bonjour${n}»`],
    ["« Bonjour »", `«${n}Bonjour${n}»`],
    ["«Bonjour»", `«${n}Bonjour${n}»`],
    ["Vraiment ?", `Vraiment${n}?`],
    ["Vraiment?", `Vraiment${n}?`],
    ["Attention !", `Attention${n}!`],
    ["Quoi ?!", `Quoi${n}?!`],
    ["Note : ceci", `Note${n}: ceci`],
    ["Note: ceci", `Note${n}: ceci`],
    ["un; deux", `un${n}; deux`],
    ["Et puis...", "Et puis…"],
    ["Rendez-vous à 10:30.", "Rendez-vous à 10:30."],
    ["le score 2:1", "le score 2:1"],
    ["voir https://exemple.fr/page?id=3", "voir https://exemple.fr/page?id=3"],
    ["http://a.fr", "http://a.fr"],
    ["mailto:redaction@journal.fr", "mailto:redaction@journal.fr"],
    ["exemple.fr/l'article", "exemple.fr/l'article"],
    ["www.exemple.fr?x", "www.exemple.fr?x"],
    ["?", "?"],
  ];
  it.each(cases)("%j → %j", (typed, expected) => {
    expect(typeText("fr", typed)).toBe(expected);
  });

  it("leaves seed-like text already typeset as it is", () => {
    const seed = `L’information vérifiée, chaque jour. «${n}C’est un port qui vit${n}», dit-elle${n}: la pêche reprend.`;
    // Typed with the characters of a French keyboard: ’ and « » come as they are.
    const typed = "L’information vérifiée, chaque jour. « C’est un port qui vit », dit-elle : la pêche reprend.";
    expect(typeText("fr", typed)).toBe(seed);
    expect(typeText("fr", "", seed)).toBe(seed);
  });

  it("does not double a narrow space that is already there", () => {
    expect(substitute("fr", `Vraiment${n}`, "?")).toEqual({ deleteBefore: 0, insert: "?" });
    expect(substitute("fr", "Vraiment\u00A0", "!")).toEqual({ deleteBefore: 0, insert: "!" });
  });

  it("swallows the habitual space after «", () => {
    expect(substitute("fr", `«${n}`, " ")).toEqual({ deleteBefore: 0, insert: "" });
    expect(substitute("fr", "mot", " ")).toBeNull();
  });
});

describe("English typography as you type", () => {
  const cases: [string, string][] = [
    ["it's", "it’s"],
    ['"Hello"', "“Hello”"],
    ["'quoted'", "‘quoted’"],
    ['She said "yes" (and "no")', "She said “yes” (and “no”)"],
    ["Really?", "Really?"],
    ["Note: this", "Note: this"],
    ["Wait...", "Wait..."],
    ["see example.com/it's", "see example.com/it's"],
  ];
  it.each(cases)("%j → %j", (typed, expected) => {
    expect(typeText("en", typed)).toBe(expected);
  });
});

describe("typographyLanguage", () => {
  it.each([
    ["fr", "fr"],
    ["fr-CA", "fr"],
    ["en-GB", "en"],
    ["de", null],
    ["", null],
    [null, null],
  ])("%s → %s", (tag, expected) => {
    expect(typographyLanguage(tag)).toBe(expected);
  });
});

describe("frenchSpacesForReading", () => {
  it.each([
    ["Vraiment ?", `Vraiment${n}?`],
    ["« Oui »", `«${n}Oui${n}»`],
    ["Note\u00A0: ceci ; cela !", `Note${n}: ceci${n}; cela${n}!`],
    [`déjà${n}!`, `déjà${n}!`],
    ["https://exemple.fr/?q=1", "https://exemple.fr/?q=1"],
    ["à 10:30", "à 10:30"],
  ])("%j → %j", (text, expected) => {
    expect(frenchSpacesForReading(text)).toBe(expected);
  });
});
