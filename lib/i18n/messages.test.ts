import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";

import { localeFromAcceptLanguage, LOCALES, MESSAGES } from "./messages";

type Tree = { [key: string]: string | Tree };

/** Every message of a catalogue as "a.b.c" → text. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The arguments a message takes: {name}, {n, plural, …}, {d, date} (not the branches of a plural or select). */
function argumentsOf(text: string): Set<string> {
  const out = new Set<string>();
  let i = 0;
  const read = (re: RegExp) => {
    const m = re.exec(text.slice(i));
    i += m?.[0].length ?? 0;
    return m;
  };
  function message(nested: boolean) {
    while (i < text.length) {
      const c = text[i++];
      if (c === "}" && nested) return;
      if (c === "{") argument();
    }
  }
  function argument() {
    const name = read(/^\s*(\w+)\s*/);
    if (name) out.add(name[1]);
    if (text[i++] === "}") return;
    const type = read(/^\s*(\w+)\s*,?/)?.[1] ?? "";
    if (!["plural", "select", "selectordinal"].includes(type)) {
      for (let depth = 1; i < text.length && depth; i++) depth += text[i] === "{" ? 1 : text[i] === "}" ? -1 : 0;
      return;
    }
    while (i < text.length) {
      read(/^\s*(offset:\s*\d+\s*)?[=\w]*\s*/);
      const c = text[i++];
      if (c === "{") message(true);
      else if (c === "}") return;
    }
  }
  message(false);
  return out;
}
/** The tags of rich text: <link>…</link>. */
const tagsOf = (text: string) => new Set([...text.matchAll(/<([a-z]\w*)>/g)].map((m) => m[1]));

const catalogues = Object.fromEntries(LOCALES.map((l) => [l, flatten(MESSAGES[l] as unknown as Tree)]));

describe("the catalogues", () => {
  it.each(LOCALES.flatMap((a) => LOCALES.filter((b) => b !== a).map((b) => [a, b])))("every key in %s is in %s", (a, b) => {
    const missing = [...catalogues[a].keys()].filter((k) => !catalogues[b].has(k));
    expect(missing, `keys in ${a} missing from ${b}`).toEqual([]);
  });

  it.each(LOCALES)("%s: no message is empty, and each takes the same arguments as in English", (locale) => {
    for (const [key, text] of catalogues[locale]) {
      expect(text.trim(), key).not.toBe("");
      expect(argumentsOf(text), key).toEqual(argumentsOf(catalogues.en.get(key) ?? ""));
      expect(tagsOf(text), key).toEqual(tagsOf(catalogues.en.get(key) ?? ""));
    }
  });

  it.each(LOCALES)("%s: every message is valid ICU and formats", (locale) => {
    const errors: string[] = [];
    const t = createTranslator({ locale, messages: MESSAGES[locale], onError: (e) => errors.push(e.message) });
    for (const [key, text] of catalogues[locale]) {
      const args = Object.fromEntries([
        ...[...argumentsOf(text)].map((a) => [a, 2]),
        ...[...tagsOf(text)].map((tag) => [tag, (chunks: string) => `<${tag}>${chunks}</${tag}>`]),
      ]);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every key, whatever its arguments
      (t.markup as any)(key, args);
    }
    if (errors.length) throw new Error(errors.join("\n"));
  });

  it("plurals follow each language's rules", () => {
    const fr = createTranslator({ locale: "fr", messages: MESSAGES.fr, namespace: "public" });
    const en = createTranslator({ locale: "en", messages: MESSAGES.en, namespace: "public" });
    expect(fr("searchResultsFor", { n: 0, q: "x" })).toBe("0 résultat pour «\u202fx\u202f»");
    expect(fr("searchResultsFor", { n: 2, q: "x" })).toBe("2 résultats pour «\u202fx\u202f»");
    expect(en("searchResultsFor", { n: 0, q: "x" })).toBe("0 results for “x”");
    expect(en("searchResultsFor", { n: 1, q: "x" })).toBe("1 result for “x”");
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"],
    ["en-GB,en;q=0.9", "en"],
    ["de-DE,de;q=0.9,en;q=0.5,fr;q=0.7", "fr"],
    ["de;q=1, en;q=0", null],
    ["es", null],
    ["", null],
    [null, null],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
