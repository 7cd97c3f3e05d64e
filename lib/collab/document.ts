/**
 * The live body as a Yjs document and back: the Tiptap Collaboration extension keeps the body in
 * the XML fragment named "default", in the article schema's shape (components/editor/extensions.ts).
 */
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";

import { articleExtensions } from "@/components/editor/extensions";
import type { TiptapDoc } from "@/db/schema";
import { parseBody } from "@/lib/rich-text/body";

export const FRAGMENT = "default";

let cached: Schema | null = null;
const schema = () => (cached ??= getSchema(articleExtensions()));

/** Replaces the document's body with `doc` (a new document, or a body restored outside). */
export function writeBody(ydoc: Y.Doc, doc: TiptapDoc, origin: unknown = null): void {
  const fragment = ydoc.getXmlFragment(FRAGMENT);
  ydoc.transact(() => {
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema(), doc, fragment);
  }, origin);
}

/**
 * The body the document holds, validated like any body from a client (lib/rich-text/body.ts):
 * null with the reason when it is not one the app accepts.
 */
export function readBody(ydoc: Y.Doc): { ok: true; doc: TiptapDoc } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(FRAGMENT));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "unreadable document" };
  }
  return parseBody(json);
}
