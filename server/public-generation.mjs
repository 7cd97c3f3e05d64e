// @ts-check
/**
 * The page cache's one way to the public generation (db/queries/system.ts): the app registers
 * its reader here once it has opened its database (instrumentation.ts), and the server reads
 * through it. The server opens no database of its own: the embedded one (PGlite) admits a single
 * owner, and the app's is already open in this process.
 *
 * With the generation watch on (lib/cache/generation-watch.ts, PAGE_CACHE_FRESHNESS_MS > 0), the
 * app also registers `peek`: the generation the database last pushed, while the watch vouches
 * for it, else null (then the reader runs), and `invalidate`, called after a change this process
 * made.
 *
 * Next bundles instrumentation.ts, so this module is loaded twice in the one process (once in
 * Next's bundle, once by Node for server/serve.mjs) and a plain module variable would not be
 * shared: the functions live in one process-wide slot (lib/process-slot.mjs), touched only here.
 */
import { processSlot } from "../lib/process-slot.mjs";

/** @typedef {() => Promise<number>} GenerationReader */
/** @typedef {{ read?: GenerationReader, peek?: () => number | null, invalidate?: () => void, listeners?: Set<(generation: number) => void> }} Slot */

const slot = processSlot("newsroom.publicGenerationReader", () => /** @type {Slot} */ ({}));

/** @param {GenerationReader} read */
export function registerPublicGenerationReader(read) {
  slot().read = read;
}

/** @param {{ peek: () => number | null, invalidate: () => void } | null} watch */
export function registerPublicGenerationWatch(watch) {
  slot().peek = watch?.peek;
  slot().invalidate = watch?.invalidate;
}

/** A read of the public generation, or null until the app has registered its reader. */
export function readPublicGeneration() {
  const read = slot().read;
  return read ? read() : null;
}

/** The generation the database pushed, when the watch vouches for it; null: read it. */
export function peekPublicGeneration() {
  const peek = slot().peek;
  return peek ? peek() : null;
}

/** After a change made here: no pushed value counts until a read that starts now completes. */
export function invalidatePublicGeneration() {
  slot().invalidate?.();
}

/**
 * Calls `listener` with each new public generation the watch learns of (the page cache's
 * refresh-ahead, server/page-cache/prime.mjs). Returns the way to stop.
 * @param {(generation: number) => void} listener
 */
export function onPublicGenerationChange(listener) {
  const listeners = (slot().listeners ??= new Set());
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Told by the generation watch (instrumentation.ts) when the database announced a new generation. @param {number} generation */
export function announcePublicGeneration(generation) {
  for (const listener of slot().listeners ?? []) {
    try {
      listener(generation);
    } catch {
      // A listener's failure is its own; the watch and the other listeners go on.
    }
  }
}
