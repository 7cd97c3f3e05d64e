import { describe, expect, it } from "vitest";

import { inputSubstitution, typeIntoInput } from "./input";
import { NNBSP, typeText } from "./rules";

const n = NNBSP;

describe("typography as you type in the headline, dek and key points", () => {
  const french: [typed: string, expected: string][] = [
    ["L'école rouvre", "L’école rouvre"],
    ['Le maire : "Nous reconstruirons"', `Le maire${n}: «${n}Nous reconstruirons${n}»`],
    ["« Aucune preuve », selon Pékin", `«${n}Aucune preuve${n}», selon Pékin`],
    ["Pourquoi maintenant ?", `Pourquoi maintenant${n}?`],
    ["Alerte !", `Alerte${n}!`],
    ["Trois questions; trois réponses", `Trois questions${n}; trois réponses`],
    ["Et après...", "Et après…"],
    ["Conseil à 10:30 ce matin", "Conseil à 10:30 ce matin"],
    ["Lire https://exemple.fr/l'article?id=3", "Lire https://exemple.fr/l'article?id=3"],
    ["Écrire à redaction@journal.fr!", "Écrire à redaction@journal.fr!"],
    ["www.exemple.fr?x", "www.exemple.fr?x"],
    ["Score final 2:1", "Score final 2:1"],
    ['Déjà l’apostrophe et "guillemets"', `Déjà l’apostrophe et «${n}guillemets${n}»`],
  ];
  it.each(french)("fr: %s", (typed, expected) => {
    expect(typeIntoInput("fr", typed)).toBe(expected);
    // The same result as the body editor's rules.
    expect(typeIntoInput("fr", typed)).toBe(typeText("fr", typed));
  });

  const english: [typed: string, expected: string][] = [
    ['It\'s "done"', "It’s “done”"],
    ["'Quoted' word", "‘Quoted’ word"],
    ["Why? Because: reasons!", "Why? Because: reasons!"],
    ["See https://example.org/it's", "See https://example.org/it's"],
  ];
  it.each(english)("en: %s", (typed, expected) => {
    expect(typeIntoInput("en", typed)).toBe(expected);
  });

  it("works in the middle of a text and sees only the current line of a textarea", () => {
    // "Vraiment| la suite": typing ? before " la suite".
    const value = "Vraiment? la suite";
    expect(inputSubstitution("fr", value, 9, "?")).toEqual({ from: 8, to: 9, insert: `${n}?` });
    // A textarea: the quote opens at the start of the second line, whatever the first one holds.
    const lines = 'Premier «\u202Fligne\n"';
    expect(inputSubstitution("fr", lines, lines.length, '"')).toEqual({ from: lines.length - 1, to: lines.length, insert: `«${n}` });
  });

  it("does nothing when the character before the caret is not the one typed (paste, autocorrect)", () => {
    expect(inputSubstitution("fr", "Vraiment", 8, "?")).toBeNull();
    expect(inputSubstitution("fr", "ab", 2, "ab")).toBeNull();
  });

  it("turns the habit space after « into nothing (the narrow space is already there)", () => {
    const value = `«${n} `;
    expect(inputSubstitution("fr", value, value.length, " ")).toEqual({ from: 2, to: 3, insert: "" });
  });
});
