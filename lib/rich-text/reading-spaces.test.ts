import { describe, expect, it } from "vitest";

import { NNBSP } from "@/lib/typography/rules";

import { docFromParagraphs, renderBodyHtml } from "./body";

describe("French spaces in the reader's HTML", () => {
  const doc = docFromParagraphs(["« Oui », dit-elle : vraiment ?", "https://exemple.fr/?q=1 à 10:30"]);

  it("uses narrow no-break spaces around French punctuation, so no line starts with it", () => {
    const html = renderBodyHtml(doc, "fr");
    expect(html).toBe(`<p>«${NNBSP}Oui${NNBSP}», dit-elle${NNBSP}: vraiment${NNBSP}?</p><p>https://exemple.fr/?q=1 à 10:30</p>`);
    expect(html).not.toMatch(/ [;:!?»]|« /);
  });

  it("keeps marks and links around the text it changes", () => {
    const marked = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Alerte !", marks: [{ type: "bold" }] }] }],
    };
    expect(renderBodyHtml(marked as never, "fr-CA")).toBe(`<p><strong>Alerte${NNBSP}!</strong></p>`);
  });

  it("leaves English and untagged articles as written", () => {
    expect(renderBodyHtml(doc, "en")).toContain("« Oui », dit-elle : vraiment ?");
    expect(renderBodyHtml(doc)).toContain("« Oui », dit-elle : vraiment ?");
  });
});
