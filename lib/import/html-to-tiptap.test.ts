import { describe, expect, it } from "vitest";

import { htmlToDoc } from "./html-to-tiptap";

const texts = (doc: unknown): string =>
  JSON.stringify(doc)
    .match(/"text":"[^"]*"/g)
    ?.join(" ") ?? "";

describe("htmlToDoc", () => {
  it("names dropped elements as a pass per element type would, outermost first only within a type", () => {
    const { doc, dropped } = htmlToDoc(
      `<p>a</p><table><tr><td><script>x()</script><iframe src="https://e.example"></iframe></td></tr></table><div class="gallery wp-block-embed"><div class="wp-block-gallery">g</div></div><ſcript>y()</ſcript><p>b</p>`,
    );
    // script (inside the table) and iframe are named before the table, as each type had its own pass;
    // the gallery inside a gallery is not named twice; <ſcript> is a script to the selector.
    expect(dropped).toEqual(["script ×2", "iframe", "table", "gallery"]);
    expect(texts(doc)).toBe(`"text":"a" "text":"b"`);
  });

  it("keeps the text after a CDATA section in post HTML (the old second parse lost the rest of the post)", () => {
    const { doc } = htmlToDoc(`<p>avant <![CDATA[<b>x</b>]]> après</p><p>suite</p>`);
    expect(texts(doc)).toContain("suite");
    expect(JSON.stringify(doc)).not.toContain('"bold"');
  });
});
