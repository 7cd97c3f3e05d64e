// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { undo } from "@tiptap/pm/history";
import { afterEach, describe, expect, it } from "vitest";

import { NNBSP } from "@/lib/typography/rules";

import { articleExtensions } from "./extensions";
import { revertTypography, Typography } from "./typography";

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

function makeEditor(language: string, enabled = true, content = "<p></p>") {
  const lang = { current: language };
  editor = new Editor({
    element: document.createElement("div"),
    extensions: [...articleExtensions(), Typography.configure({ language: () => lang.current, enabled: () => enabled })],
    content,
  });
  return { editor, lang };
}

/** What a keystroke does: the plugins may take it, else the character is inserted. */
function type(e: Editor, text: string) {
  for (const ch of text) {
    const { from, to } = e.state.selection;
    const view = e.view;
    const handled = view.someProp("handleTextInput", (f) => f(view, from, to, ch, () => view.state.tr.insertText(ch, from, to)));
    if (!handled) view.dispatch(view.state.tr.insertText(ch, from, to));
  }
}

const text = (e: Editor) => e.state.doc.textContent;

describe("Typography extension", () => {
  it("typesets French as it is typed", () => {
    const { editor: e } = makeEditor("fr");
    e.commands.focus("end");
    type(e, `Il a dit "c'est l'heure" : vraiment ?`);
    expect(text(e)).toBe(`Il a dit «${NNBSP}c’est l’heure${NNBSP}»${NNBSP}: vraiment${NNBSP}?`);
  });

  it("gives English curly quotes only", () => {
    const { editor: e } = makeEditor("en");
    e.commands.focus("end");
    type(e, `"It's late": really?`);
    expect(text(e)).toBe("“It’s late”: really?");
  });

  it("does nothing when the user turned it off, or for another language", () => {
    const off = makeEditor("fr", false).editor;
    off.commands.focus("end");
    type(off, "l'heure ?");
    expect(text(off)).toBe("l'heure ?");
    off.destroy();
    const de = makeEditor("de").editor;
    de.commands.focus("end");
    type(de, `"Ja" ?`);
    expect(text(de)).toBe(`"Ja" ?`);
  });

  it("follows a language change while writing", () => {
    const { editor: e, lang } = makeEditor("en");
    e.commands.focus("end");
    type(e, "it's ");
    lang.current = "fr";
    type(e, "c'est");
    expect(text(e)).toBe("it’s c’est");
  });

  it("reverts the substitution with one undo, then undoes the typing", () => {
    const { editor: e } = makeEditor("fr");
    e.commands.focus("end");
    type(e, "l'");
    expect(text(e)).toBe("l’");
    expect(revertTypography(e.state, e.view.dispatch)).toBe(true);
    expect(text(e)).toBe("l'");
    // Nothing more to revert: the next undo is the editor's own.
    expect(revertTypography(e.state, e.view.dispatch)).toBe(false);
    undo(e.state, e.view.dispatch);
    expect(text(e)).toBe("");
  });

  it("reverts a space made narrow back to the ordinary space and the mark", () => {
    const { editor: e } = makeEditor("fr");
    e.commands.focus("end");
    type(e, "Quoi ?");
    expect(text(e)).toBe(`Quoi${NNBSP}?`);
    e.commands.keyboardShortcut("Mod-z");
    expect(text(e)).toBe("Quoi ?");
  });

  it("keeps marks on the substituted text", () => {
    const { editor: e } = makeEditor("fr", true, "<p><strong>Bonjour</strong></p>");
    e.commands.focus("end");
    type(e, "!");
    expect(e.getHTML()).toBe(`<p><strong>Bonjour${NNBSP}!</strong></p>`);
  });

  it("leaves addresses and times alone", () => {
    const { editor: e } = makeEditor("fr");
    e.commands.focus("end");
    type(e, "RDV à 10:30 sur https://exemple.fr/l'info?id=2");
    expect(text(e)).toBe("RDV à 10:30 sur https://exemple.fr/l'info?id=2");
  });
});
