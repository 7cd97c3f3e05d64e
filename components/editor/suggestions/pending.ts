"use client";

/**
 * The live document's pending-suggestion count, for the sidebar and the Publish button (another
 * React tree than the editor's): the editor's suggestion list writes it, they read it. Null while
 * no live editor reports, when the stored copy's count (from the server) stands.
 */
import { useSyncExternalStore } from "react";

let count: number | null = null;
const listeners = new Set<() => void>();

export function reportPendingSuggestions(n: number | null): void {
  if (n === count) return;
  count = n;
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The live count when an editor reports one, else `stored`. */
export function usePendingSuggestions(stored: number): number {
  const live = useSyncExternalStore(
    subscribe,
    () => count,
    () => null,
  );
  return live ?? stored;
}
