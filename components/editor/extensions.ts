/**
 * The article body schema, shared by the browser editor, the server validator and the
 * server HTML renderer: what the editor can produce is exactly what the server accepts.
 * No JSX here so the server can import it.
 */
import { mergeAttributes, type AnyExtension } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import StarterKit from "@tiptap/starter-kit";

import { SuggestionDeletion, SuggestionInsertion } from "./suggestions/marks";

export const LINK_PROTOCOLS = ["http:", "https:", "mailto:"] as const;

/** Links may only point at http, https or mailto addresses. */
export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== "string" || href.length > 2048) return false;
  try {
    const url = new URL(href.trim());
    return (LINK_PROTOCOLS as readonly string[]).includes(url.protocol);
  } catch {
    return false;
  }
}

/** Images come from our own uploads or an https address. */
export function isAllowedImageSrc(src: unknown): boolean {
  if (typeof src !== "string" || src.length > 2048) return false;
  if (/^\/uploads\/[A-Za-z0-9._/-]+$/.test(src) && !src.includes("..")) return true;
  try {
    return new URL(src).protocol === "https:";
  } catch {
    return false;
  }
}

/** An image is a figure with required alt text and an optional caption and credit. */
export const NewsImage = Image.extend({
  name: "image",
  // Pasted images are kept only when they could be saved: an allowed address and alt text.
  parseHTML() {
    return [
      {
        tag: "img[src]",
        getAttrs: (el) => {
          const src = el.getAttribute("src");
          const alt = el.getAttribute("alt")?.trim();
          return isAllowedImageSrc(src) && alt ? { src, alt } : false;
        },
      },
    ];
  },
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: "" },
      caption: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-caption"),
        renderHTML: () => ({}),
      },
      credit: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-credit"),
        renderHTML: () => ({}),
      },
    };
  },
  renderHTML({ node, HTMLAttributes }) {
    const img = ["img", mergeAttributes(HTMLAttributes, { loading: "lazy", decoding: "async" })] as const;
    const caption = node.attrs.caption as string | null;
    const credit = node.attrs.credit as string | null;
    if (!caption && !credit) return ["figure", { class: "article-figure" }, img];
    const parts: unknown[] = [];
    if (caption) parts.push(["span", { class: "caption" }, caption]);
    if (credit) parts.push(["span", { class: "credit" }, credit]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return ["figure", { class: "article-figure" }, img, ["figcaption", {}, ...(parts as any[])]];
  },
});

/** `live`: the body is a shared Yjs document, whose own undo (per person) replaces the editor's history. */
export function articleExtensions({ live = false }: { live?: boolean } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      ...(live ? { undoRedo: false as const } : {}),
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      underline: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        protocols: ["mailto"],
        isAllowedUri: (url) => isAllowedHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
    NewsImage.configure({ inline: false, allowBase64: false }),
    // Track changes: pending suggestions (components/editor/suggestions/).
    SuggestionInsertion,
    SuggestionDeletion,
  ];
}
