import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";

import { MESSAGES } from "./messages";
import { accent, pseudoCatalogue, pseudoMessage } from "./pseudo";

describe("the pseudo locale of the no-string-left-behind check", () => {
  it.each([
    ["Save", "⟦Šåṽé⟧"],
    ["Signed in as {name}", "⟦Šîĝñéð îñ åš {name}⟧"],
    ["{n, plural, one {# article} other {# articles}}", "⟦{n, plural, one {# åŕţîçļé} other {# åŕţîçļéš}}⟧"],
    ["{role, select, editor {editor} other {{role}}}", "⟦{role, select, editor {éðîţöŕ} other {{role}}}⟧"],
    ["Read <link>the guide</link> first", "⟦Ŕéåð <link>ţĥé ĝûîðé</link> ƒîŕšţ⟧"],
    ["It''s '{literal}' at {time, time, short}", "⟦Îţ''š '{ļîţéŕåļ}' åţ {time, time, short}⟧"],
    ["Déjà « vu » : 10:30", "⟦Ðéĵà « ṽû » : 10:30⟧"],
  ])("%s → %s", (message, pseudo) => {
    expect(pseudoMessage(message)).toBe(pseudo);
  });

  it("turns every ASCII letter into a look-alike, one UTF-16 unit for one", () => {
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    expect(accent(letters)).toHaveLength(letters.length);
    expect(accent(letters)).not.toMatch(/[A-Za-z]/);
  });

  it("keeps every message of the English catalogue working: same arguments, no plain letter left in the text", () => {
    const pseudo = pseudoCatalogue(MESSAGES.en);
    const t = createTranslator({ locale: "en", messages: pseudo });
    type Tree = { [key: string]: string | Tree };
    const keys = (tree: Tree, prefix = ""): string[] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
    const all = keys(MESSAGES.en as unknown as Tree);
    expect(all.length).toBeGreaterThan(10);
    for (const key of all) {
      const source = key.split(".").reduce<string | Tree>((node, part) => (node as Tree)[part], MESSAGES.en as unknown as Tree) as string;
      const values: Record<string, string | number | Date | ((chunks: unknown) => string)> = {};
      for (const [, name, type] of source.matchAll(/\{\s*(\w+)\s*(?:,\s*(\w+))?/g)) {
        values[name] = type === "plural" || type === "selectordinal" || type === "number" ? 2 : type === "date" || type === "time" ? new Date(0) : "0";
      }
      for (const [, tag] of source.matchAll(/<(\w+)>/g)) values[tag] = (chunks) => String(chunks);
      const shown = (t as unknown as (k: string, v: unknown) => string)(key, values);
      expect(shown.replace(/⟦|⟧/g, "").replace(/\b0\b/g, ""), key).not.toMatch(/[A-Za-z]/);
    }
  });
});
