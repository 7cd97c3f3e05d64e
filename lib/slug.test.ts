import { describe, expect, it } from "vitest";

import { slugify, tagDisplayName } from "./slug";

describe("slugify", () => {
  it("folds accents and case", () => {
    expect(slugify("La Chine nie toute implication")).toBe("la-chine-nie-toute-implication");
    expect(slugify("L’État réagit à l’attaque « massive »")).toBe("l-etat-reagit-a-l-attaque-massive");
  });
  it("splits CamelCase hashtags and keeps acronyms", () => {
    expect(slugify(tagDisplayName("#CybersécuritéFrançaise"))).toBe("cybersecurite-francaise");
    expect(slugify("cybersécurité française")).toBe("cybersecurite-francaise");
    expect(slugify("APT41")).toBe("apt41");
    expect(slugify("Chine")).toBe("chine");
  });
  it("keeps non-Latin scripts", () => {
    expect(slugify("東京 サイバー")).toBe("東京-サイバー");
  });
});
