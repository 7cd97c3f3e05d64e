// @ts-check
/**
 * How many renders of public pages run at once, and one render per page for a burst of readers.
 */

/**
 * At most `max` renders at a time; the others wait their turn (never refused). Bounds what a
 * flood of pages no cache can hold (every search query, every missing slug, client-navigation
 * payloads) costs the pages that are cached: their hits never wait here, and the event loop is
 * never shared among hundreds of renders at once.
 * @param {number} max
 */
export function renderLimiter(max) {
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    /**
     * Runs `render` when a slot is free; the slot is held until the response is closed.
     * @param {import("node:http").ServerResponse} res
     * @param {() => unknown} render
     */
    async run(res, render) {
      if (running >= max) await new Promise((/** @type {(v?: unknown) => void} */ r) => waiting.push(r));
      else running++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next)
          next(); // the slot passes on
        else running--;
      };
      res.on("close", release);
      if (res.writableEnded || res.destroyed) release();
      try {
        return await render();
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

/** A render that never finishes must not hold the others for longer than this. */
const COALESCE_TIMEOUT_MS = 5000;

/**
 * Renders in progress, by cache key and generation: a burst of readers right after a
 * publication waits for the one render of the page rather than render it fifty times over.
 */
export function renderCoalescer() {
  /** @type {Map<string, { generation: number; done: Promise<unknown> }>} */
  const rendering = new Map();
  return {
    /** The render of this page for this generation in progress, if any. @param {string} key @param {number} generation */
    inFlight(key, generation) {
      const slot = rendering.get(key);
      return slot && slot.generation === generation ? slot.done : null;
    },
    /**
     * Marks `res` as the render of this page until it closes (or the timeout passes).
     * @param {string} key @param {number} generation @param {import("node:http").ServerResponse} res
     */
    begin(key, generation, res) {
      /** @type {() => void} */
      let finished = () => {};
      const slot = { generation, done: new Promise((/** @type {(v?: unknown) => void} */ r) => (finished = r)) };
      rendering.set(key, slot);
      const release = () => {
        if (rendering.get(key) === slot) rendering.delete(key);
        finished();
      };
      const timer = setTimeout(release, COALESCE_TIMEOUT_MS);
      timer.unref?.();
      res.on("close", () => {
        clearTimeout(timer);
        release();
      });
    },
  };
}
