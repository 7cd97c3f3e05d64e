/**
 * Clean paste in the editor: clipboard HTML goes through lib/rich-text/clean-paste.ts before the
 * schema reads it; an image pasted or dropped as a file is handed to the upload dialog (it needs
 * alt text before it can be inserted) instead of being dropped.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

import { ACCEPTED_IMAGE_TYPES } from "@/lib/images/limits";
import { cleanPastedHtml } from "@/lib/rich-text/clean-paste";

export type CleanPasteOptions = { onImageFile: (file: File) => void };

/**
 * The image file in a paste or a drop, if that is what it is. Word and LibreOffice also put a
 * picture of the copied text on the clipboard: when there is text, the text is what was meant.
 */
export function pastedImageFile(data: DataTransfer | null): File | null {
  if (!data) return null;
  const file = Array.from(data.files).find((f) => (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(f.type));
  if (!file) return null;
  const html = data.getData("text/html");
  const text = data.getData("text/plain") || (html ? (new DOMParser().parseFromString(html, "text/html").body.textContent ?? "") : "");
  return text.trim() ? null : file;
}

export const CleanPaste = Extension.create<CleanPasteOptions>({
  name: "cleanPaste",
  addOptions() {
    return { onImageFile: () => {} };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    const take = (data: DataTransfer | null) => {
      const file = pastedImageFile(data);
      if (file) options.onImageFile(file);
      return Boolean(file);
    };
    return [
      new Plugin({
        key: new PluginKey("cleanPaste"),
        props: {
          transformPastedHTML: (html) => cleanPastedHtml(html),
          handlePaste: (_view, event) => take(event.clipboardData),
          handleDrop: (_view, event) => take((event as DragEvent).dataTransfer),
        },
      }),
    ];
  },
});
