"use client";

import { createContext, useContext } from "react";

/**
 * The editor's contract with what sits beside it (workflow buttons, comments): before a
 * transition, flush() saves pending changes and returns the version the server now has, so a
 * transition never acts on an older text than the one on screen.
 */
export type EditorSession = {
  flush: () => Promise<{ ok: true; version: number } | { ok: false; message: string }>;
  version: number;
  dirty: boolean;
  /** A submit was refused for want of a headline or a body: the empty ones are marked, the first focused. */
  showMissingContent: () => void;
};

export const EditorSessionContext = createContext<EditorSession | null>(null);

export function useEditorSession(): EditorSession | null {
  return useContext(EditorSessionContext);
}
