// @ts-check
/**
 * One value per process, whichever copy of a module asks for it. Next bundles the app's modules,
 * and Node loads some of the same files again for server/serve.mjs, so a module-level variable
 * would exist twice in the one process (the app would register a reader in one copy, the server
 * would read the other). The value lives on globalThis under `Symbol.for(name)`, made by `init`
 * the first time either side asks for it.
 * @template T
 * @param {string} name
 * @param {() => T} init
 * @returns {() => T} the value's getter
 */
export function processSlot(name, init) {
  const key = Symbol.for(name);
  const g = /** @type {Record<symbol, T>} */ (/** @type {unknown} */ (globalThis));
  return () => (key in g ? g[key] : (g[key] = init()));
}
