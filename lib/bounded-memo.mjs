// @ts-check
/**
 * A pure function of a string, with its answers for recent arguments remembered: for the checks
 * every request makes again and again on the same few values (its Host, its URL, its peer's
 * address, its Accept-Encoding). At most `maxEntries` are kept; when full, the memory is emptied
 * and refills (a client inventing new values each time costs a refill, never unbounded memory).
 * Arguments longer than `maxKeyLength` are computed every time and not kept. Plain JavaScript:
 * server/serve.mjs loads its modules unbundled.
 * @template T
 * @param {(key: string) => T} compute never returns undefined
 * @param {{ maxEntries: number; maxKeyLength?: number }} options
 * @returns {(key: string) => T}
 */
export function boundedMemo(compute, { maxEntries, maxKeyLength = Number.POSITIVE_INFINITY }) {
  /** @type {Map<string, T>} */
  const known = new Map();
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      if (known.size >= maxEntries) known.clear();
      known.set(key, value);
    }
    return value;
  };
}
