// @ts-check
/**
 * The page cache's one way to the public generation (db/queries/system.ts): the app registers
 * its reader here once it has opened its database (instrumentation.ts), and the server reads
 * through it. The server opens no database of its own: the embedded one (PGlite) admits a single
 * owner, and the app's is already open in this process.
 *
 * Next bundles instrumentation.ts, so this module is loaded twice in the one process (once in
 * Next's bundle, once by Node for server/serve.mjs) and a plain module variable would not be
 * shared: the reader lives in one process-wide slot, named and touched only here.
 */
const SLOT = Symbol.for("newsroom.publicGenerationReader");

/** @typedef {() => Promise<number>} GenerationReader */

/** @param {GenerationReader} read */
export function registerPublicGenerationReader(read) {
  /** @type {Record<symbol, GenerationReader | undefined>} */ (/** @type {unknown} */ (globalThis))[SLOT] = read;
}

/** A read of the public generation, or null until the app has registered its reader. */
export function readPublicGeneration() {
  const read = /** @type {Record<symbol, GenerationReader | undefined>} */ (/** @type {unknown} */ (globalThis))[SLOT];
  return read ? read() : null;
}
