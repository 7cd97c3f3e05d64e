// @vitest-environment happy-dom
import { Editor, getSchema } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";

import { articleExtensions } from "./extensions";
import { changesStructure, patchYBinding } from "./y-binding";

patchYBinding();

const schema = getSchema(articleExtensions({ live: true }));
let editor: Editor | null = null;
afterEach(() => editor?.destroy());

const paragraphs = (n: number) => ({
  type: "doc",
  content: Array.from({ length: n }, (_, i) => ({ type: "paragraph", content: [{ type: "text", text: `Paragraphe ${i} : l’été à Montréal.` }] })),
});

/** An editor on `local`, and a second document (`remote`, another person) whose updates reach it as the server would relay them. */
function setUp(n = 20) {
  const remote = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, paragraphs(n), remote.getXmlFragment("default"));
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(remote));
  remote.on("update", (u: Uint8Array, origin: unknown) => origin !== "relay" && Y.applyUpdate(local, u, "relay"));
  local.on("update", (u: Uint8Array, origin: unknown) => origin !== "relay" && Y.applyUpdate(remote, u, "relay"));
  editor = new Editor({
    element: document.createElement("div"),
    extensions: [...articleExtensions({ live: true }), Collaboration.configure({ document: local, field: "default" })],
  });
  return { editor, local, remote, rfrag: remote.getXmlFragment("default") };
}

/** The other person's document, as a ProseMirror document's JSON (same shape as the editor's). */
const remoteJson = (d: Y.Doc) => schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(d.getXmlFragment("default"))).toJSON();

describe("the patched Yjs binding (components/editor/y-binding.ts)", () => {
  it("keeps the untouched paragraphs' nodes when another person types in one", () => {
    const { editor: e, rfrag } = setUp();
    const before = Array.from({ length: e.state.doc.childCount }, (_, i) => e.state.doc.child(i));
    const text = (rfrag.get(7) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(3, "XYZ");
    const after = e.state.doc;
    expect(after.child(7).textContent).toBe("ParXYZagraphe 7 : l’été à Montréal.");
    // The other 19 paragraphs are the very same nodes: nothing rebuilt, nothing for ProseMirror to compare.
    const same = before.filter((node, i) => i !== 7 && after.child(i) === node).length;
    expect(same).toBe(19);
    expect(after.child(7)).not.toBe(before[7]);
  });

  it("still follows marks, deletions and structure (blocks added, split, removed) exactly", () => {
    const { editor: e, remote, rfrag } = setUp(6);
    const t2 = (rfrag.get(2) as Y.XmlElement).get(0) as Y.XmlText;
    t2.format(0, 10, { bold: {} });
    t2.delete(11, 4);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Nouveau paragraphe d’un autre")]);
    rfrag.insert(1, [p]);
    rfrag.delete(4, 1);
    const h = new Y.XmlElement("heading");
    h.setAttribute("level", 2 as never);
    h.insert(0, [new Y.XmlText("Intertitre")]);
    rfrag.insert(5, [h]);
    expect(e.state.doc.toJSON()).toEqual(remoteJson(remote));
    // And local typing after all that lands in the right place for the other person.
    e.commands.insertContentAt(1, "Début ");
    expect(remoteJson(remote)).toEqual(e.state.doc.toJSON());
    expect(e.state.doc.child(0).textContent.startsWith("Début Paragraphe 0")).toBe(true);
  });

  it("leaves another person's addresses as they typed them (no autolink pass over their changes)", () => {
    const { editor: e, remote, rfrag } = setUp(1);
    const t0 = (rfrag.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t0.delete(0, t0.length);
    t0.insert(0, "Voir https://exemple.fr/dossier ");
    const marks = new Set<string>();
    e.state.doc.descendants((n) => void n.marks.forEach((m) => marks.add(m.type.name)));
    expect(marks.has("link")).toBe(false);
    expect(remoteJson(remote)).toEqual(e.state.doc.toJSON());
  });

  it("tells a change of structure from an edit of text or attributes", () => {
    const doc = new Y.Doc();
    const frag = doc.getXmlFragment("default");
    prosemirrorJSONToYXmlFragment(schema, paragraphs(2), frag);
    const seen: boolean[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => seen.push(changesStructure(tr)));
    ((frag.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "a");
    (frag.get(1) as Y.XmlElement).setAttribute("textAlign", "left" as never);
    frag.insert(0, [new Y.XmlElement("paragraph")]);
    (frag.get(1) as Y.XmlElement).insert(0, [new Y.XmlText("b")]);
    expect(seen).toEqual([false, false, true, true]);
  });
});
