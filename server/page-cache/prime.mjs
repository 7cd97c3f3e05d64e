// @ts-check
/**
 * Refresh-ahead for the page cache: when the public generation changes (a publication, a
 * correction, a profile edit), the pages readers keep coming back to are rendered again at once,
 * before a reader asks for them, so the first reader after a change gets the new page from memory
 * instead of waiting for its render (an article takes 30–50 ms to render after a change).
 *
 * Nothing is served stale for it: the cache still answers a request only with a page rendered for
 * a generation read after the request arrived; a reader who comes while a page is being primed
 * waits for that render (renders.mjs) rather than starting another.
 *
 * Bounded: the `maxPages` most recently read pages (entry-store.mjs hotPages: those read at least
 * twice first, then those read once), `concurrency` renders at a time, passes at least `minIntervalMs` apart. Changes that
 * arrive during a pass (an import bumps the generation thousands of times) make one more pass,
 * for the latest generation, after the interval.
 */

/** @typedef {import("./entry-store.mjs").HotPage} HotPage @typedef {import("./entry-store.mjs").Replay} Replay */

/**
 * @param {{
 *   hotPages: (n: number) => HotPage[],
 *   request: (replay: Replay) => Promise<unknown>,
 *   maxPages?: number,
 *   concurrency?: number,
 *   minIntervalMs?: number,
 *   onPass?: (pass: { generation: number; pages: number; ms: number }) => void,
 * }} options
 */
export function createPrimer(options) {
  const maxPages = Number.isFinite(options.maxPages) ? Math.max(0, Math.floor(/** @type {number} */ (options.maxPages))) : 16;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const minIntervalMs = options.minIntervalMs ?? 1000;
  let latest = Number.NEGATIVE_INFINITY;
  let running = false;
  let again = false;
  let lastStart = Number.NEGATIVE_INFINITY;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  let closed = false;

  async function pass() {
    running = true;
    again = false;
    const started = performance.now();
    lastStart = started;
    const generation = latest;
    // Pages already rendered for this generation (a reader came first) are left alone.
    const targets = options.hotPages(maxPages).filter((p) => p.generation !== generation);
    let next = 0;
    const worker = async () => {
      while (next < targets.length && !closed) {
        const target = targets[next++];
        try {
          await options.request(target.replay);
        } catch {
          // A page that fails to render now is rendered by its next reader, as without priming.
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
    } finally {
      running = false;
      if (targets.length > 0) options.onPass?.({ generation, pages: targets.length, ms: performance.now() - started });
      if (again) schedule();
    }
  }

  function schedule() {
    if (closed) return;
    if (running || timer) {
      again = true;
      return;
    }
    const wait = lastStart + minIntervalMs - performance.now();
    if (wait <= 0) {
      void pass();
      return;
    }
    timer = setTimeout(() => {
      timer = null;
      void pass();
    }, wait);
    timer.unref?.();
  }

  return {
    /** The database announced a new public generation. @param {number} generation */
    changed(generation) {
      if (maxPages === 0 || !(generation > latest)) return;
      latest = generation;
      schedule();
    },
    /** Whether a pass is running or waiting (tests). */
    get busy() {
      return running || timer !== null;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
