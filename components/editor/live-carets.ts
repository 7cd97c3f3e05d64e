/**
 * Other people's carets and selections, named and coloured, from the live session's awareness:
 * the cursor plugin of @tiptap/y-tiptap (what @tiptap/extension-collaboration-caret wraps; that
 * package stops at 3.31.3 while the app's Tiptap is 3.32.2). Built with DOM calls, never HTML.
 */
import { Extension } from "@tiptap/core";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";

import { withQuietCarets } from "./y-binding";

function caret(user: { name?: unknown; color?: unknown }): HTMLElement {
  const color = typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#555555";
  const el = document.createElement("span");
  el.className = "live-caret";
  el.style.borderColor = color;
  const label = document.createElement("span");
  label.className = "live-caret-label";
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" ? user.name.slice(0, 60) : "Someone";
  el.append(label);
  return el;
}

export const LiveCarets = Extension.create<{ awareness: Awareness | null }>({
  name: "liveCarets",
  addOptions: () => ({ awareness: null }),
  addProseMirrorPlugins() {
    if (!this.options.awareness) return [];
    return [
      withQuietCarets(
        yCursorPlugin(this.options.awareness, {
          cursorBuilder: (user: { name?: unknown; color?: unknown }) => caret(user),
          selectionBuilder: (user: { color?: unknown }) => ({
            class: "live-selection",
            style: `background-color: ${typeof user.color === "string" && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#555555"}33`,
          }),
        }),
      ),
    ];
  },
});
