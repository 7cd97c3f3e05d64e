// @vitest-environment happy-dom
import { readFileSync } from "node:fs";
import path from "node:path";
import { Editor } from "@tiptap/core";
import { afterEach, describe, expect, it } from "vitest";

import { CleanPaste, pastedImageFile } from "@/components/editor/clean-paste";
import { articleExtensions } from "@/components/editor/extensions";

import { cleanPastedHtml, unwrapTrackingLink } from "./clean-paste";

/**
 * Clipboard HTML as Word (Windows, Office 365), LibreOffice Writer 7, Google Docs (Chrome) and a
 * news web page put it on the clipboard, pasted through the editor's real paste path.
 */
const fixture = (name: string) => readFileSync(path.join(__dirname, "paste-fixtures", `${name}.html`), "utf8");

let editor: Editor | null = null;
afterEach(() => editor?.destroy());

function paste(html: string): string {
  editor = new Editor({ element: document.createElement("div"), extensions: [...articleExtensions(), CleanPaste] });
  editor.view.pasteHTML(html);
  // The empty paragraph the editor started with stays after pasted blocks: it is not pasted content.
  return editor.getHTML().replace(/<p><\/p>$/, "");
}

const FOREIGN =
  /style=|class="(?!article-figure|caption)|<font|<span(?! class="caption")|<!--|mso-|<o:p|docs-internal-guid|google\.com\/url|safelinks|utm_|fbclid|<div|<script|<iframe|javascript:|<p><\/p>|<p>\s*<\/p>|&nbsp;<\/p>/;

const rel = 'rel="noopener noreferrer nofollow"';

describe("clean paste", () => {
  it("Word: headings, emphasis, links out of Safe Links, real (nested, numbered) lists, quotes; no Office markup", () => {
    const html = paste(fixture("word"));
    expect(html).toBe(
      "<h2>Le port de Sète reprend vie</h2>" +
        `<p>La pêche <strong>reprend</strong> après <em>trois semaines</em> d’arrêt, selon la <a ${rel} href="https://www.prefecture.example/communique">préfecture</a>.</p>` +
        "<ul><li><p>Les chalutiers</p><ul><li><p>dont six à Sète</p></li></ul></li><li><p>Les petits métiers</p></li></ul>" +
        "<ol><li><p>Vérifier les quotas</p></li><li><p>Appeler la criée</p></li></ol>" +
        "<blockquote><p><em>«&nbsp;On respire&nbsp;», dit un patron.</em></p></blockquote>",
    );
    expect(cleanPastedHtml(fixture("word"))).not.toMatch(FOREIGN);
  });

  it('Word: ordinary bold (<b style="mso-bidi-font-weight:normal">) stays bold; Google Docs\' normal-weight wrapper goes', () => {
    expect(paste("<p class=MsoNormal>Le <b style='mso-bidi-font-weight:normal'>ministre</b> a parlé.<o:p></o:p></p>")).toBe(
      "<p>Le <strong>ministre</strong> a parlé.</p>",
    );
    expect(paste("<p><b style='mso-bidi-font-weight:normal'><span style='font-family:Arial'>Titre gras</span></b></p>")).toBe(
      "<p><strong>Titre gras</strong></p>",
    );
    expect(paste('<b style="font-weight:normal;"><p>Pas gras</p></b>')).toBe("<p>Pas gras</p>");
  });

  it("LibreOffice: <font> and styled spans go, bold and italic given by styles stay, empty lines go", () => {
    const html = paste(fixture("libreoffice"));
    expect(html).toBe(
      "<h2>Le conseil municipal vote le budget</h2>" +
        "<p>Le budget a été <strong>adopté</strong> par 21 voix <em>contre</em> 8.</p>" +
        `<p><strong>Important</strong> : voir <a ${rel} href="https://www.ville.example/budget?page=2">le document</a>.</p>` +
        "<ul><li><p>Investissements</p></li><li><p><em>Fonctionnement</em></p></li></ul>" +
        "<p>Surligné en couleur</p>",
    );
    expect(cleanPastedHtml(fixture("libreoffice"))).not.toMatch(FOREIGN);
  });

  it("Google Docs: the docs-internal-guid wrapper goes (the text is not all bold), styled spans become marks, Google redirects are unwrapped", () => {
    const html = paste(fixture("google-docs"));
    expect(html).toBe(
      "<h2>Marché de Noël : les exposants</h2>" +
        `<p><strong>Quarante exposants</strong> sont attendus, <em>selon l’office de tourisme</em> (<a ${rel} href="https://www.tourisme.example/marche-de-noel">programme</a>).</p>` +
        "<h2>Horaires</h2><ul><li><p>Du lundi au jeudi</p></li><li><p><strong>Le week-end</strong></p></li></ul>",
    );
    expect(cleanPastedHtml(fixture("google-docs"))).not.toMatch(FOREIGN);
  });

  it("web page: scripts, frames, trackers, javascript: and relative links go; images with alt keep their caption", () => {
    const html = paste(fixture("web-page"));
    expect(html).toBe(
      "<h2>Les abeilles reviennent en ville</h2>" +
        `<p>Une étude menée <strong>sur trois ans</strong> montre un retour des pollinisateurs, explique <a ${rel} href="https://www.inrae.example/etude">l’Inrae</a> ou ce lien piégé.</p>` +
        '<figure class="article-figure"><img src="https://cdn.example.com/abeille.jpg" alt="Une abeille sur une fleur de lavande" loading="lazy" decoding="async"><figcaption><span class="caption">Photo : AFP</span></figcaption></figure>' +
        "<blockquote><p>« Nous comptons deux fois plus de ruches qu’en 2020 »</p></blockquote>" +
        "<p>Publicité</p><h4>Ce qu’il faut retenir</h4>" +
        '<ol start="2"><li><p><strong>Plus de ruches</strong></p></li><li><p><em>Moins de pesticides</em></p></li></ol>' +
        "<p>Lire aussi : un autre article</p>",
    );
    expect(cleanPastedHtml(fixture("web-page")).replace(/<div>|<\/div>/g, "")).not.toMatch(FOREIGN);
  });

  it.each([
    ["https://www.google.com/url?q=https://a.example/x%3Fid%3D1&sa=D&source=editors&ust=1&usg=AOv", "https://a.example/x?id=1"],
    ["https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fb.example%2F&data=05", "https://b.example/"],
    ["https://l.facebook.com/l.php?u=https%3A%2F%2Fc.example%2Fp%3Ffbclid%3DIw&h=AT", "https://c.example/p"],
    ["https://d.example/?utm_source=x&utm_medium=y&id=7", "https://d.example/?id=7"],
    ["https://e.example/page", "https://e.example/page"],
    ["mailto:redaction@journal.example", "mailto:redaction@journal.example"],
  ])("unwrapTrackingLink(%s) → %s", (href, expected) => {
    expect(unwrapTrackingLink(href)).toBe(expected);
  });
});

describe("pasted image files", () => {
  const png = () => new File([new Uint8Array([137, 80, 78, 71])], "capture.png", { type: "image/png" });
  function clipboard(files: File[], data: Record<string, string> = {}): DataTransfer {
    return { files, getData: (type: string) => data[type] ?? "" } as unknown as DataTransfer;
  }

  it("an image alone goes to the upload dialog", () => {
    const file = png();
    expect(pastedImageFile(clipboard([file]))).toBe(file);
    expect(pastedImageFile(clipboard([file], { "text/html": '<img src="blob:x">' }))).toBe(file);
  });

  it("the picture Word puts next to copied text is not taken for an image; other files are ignored", () => {
    expect(pastedImageFile(clipboard([png()], { "text/html": "<p>Du texte</p>", "text/plain": "Du texte" }))).toBeNull();
    expect(pastedImageFile(clipboard([new File(["x"], "notes.pdf", { type: "application/pdf" })]))).toBeNull();
    expect(pastedImageFile(null)).toBeNull();
  });

  it("the editor hands a pasted image file over instead of dropping it", () => {
    const taken: File[] = [];
    editor = new Editor({
      element: document.createElement("div"),
      extensions: [...articleExtensions(), CleanPaste.configure({ onImageFile: (f) => taken.push(f) })],
    });
    const file = png();
    const event = { clipboardData: clipboard([file]), preventDefault() {} } as unknown as ClipboardEvent;
    const handled = editor.view.someProp("handlePaste", (f) => f(editor!.view, event, editor!.state.doc.slice(0, 0)));
    expect(handled).toBe(true);
    expect(taken).toEqual([file]);
  });
});
