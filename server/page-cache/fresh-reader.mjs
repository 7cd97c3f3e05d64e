// @ts-check
/**
 * How the page cache learns the public generation without a database query per request.
 */

/**
 * One read at a time, and a caller always gets the result of a read that *started after it
 * called*. Reads start at most every `minIntervalMs`: under load, back-to-back reads would
 * otherwise take a core of their own; the interval bounds that cost and adds at most that much
 * waiting, never staleness.
 * @template T
 * @param {() => Promise<T>} read
 * @param {number} [minIntervalMs]
 * @returns {() => Promise<T>}
 */
export function freshReader(read, minIntervalMs = 0) {
  /** @type {Promise<T> | null} */
  let running = null;
  /** @type {Promise<T> | null} */
  let queued = null;
  let lastStart = -Infinity;
  const start = () => {
    lastStart = performance.now();
    const p = read();
    running = p;
    const clear = () => {
      if (running === p) running = null;
    };
    p.then(clear, clear);
    return p;
  };
  /** Waits for the interval to pass, then reads; shared by everyone who calls until it starts. */
  const later = (/** @type {Promise<unknown>} */ after) =>
    after
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        const wait = lastStart + minIntervalMs - performance.now();
        return wait > 0 ? new Promise((r) => setTimeout(r, wait)) : undefined;
      })
      .then(() => {
        queued = null;
        return start();
      });
  return () => {
    if (queued) return queued;
    if (!running && performance.now() - lastStart >= minIntervalMs) return start();
    queued = later(running ?? Promise.resolve());
    return queued;
  };
}
