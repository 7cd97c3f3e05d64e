// @ts-check
/**
 * The one logger: a JSON object a line on stdout (pino), with the time, the level and, for what
 * happens while answering a request, the request's id (`reqId`), so one request's lines can be
 * found among thousands. LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; default info)
 * sets what is written.
 *
 * server/serve.mjs (plain Node) and the app (Next's bundle; pino is one of the packages Next
 * leaves unbundled) both import this file, so the process would hold two loggers writing to the
 * same stdout; the logger lives in one process-wide slot instead (lib/process-slot.mjs), created
 * by whichever side asks first.
 */
import pino from "pino";

import { processSlot } from "../process-slot.mjs";

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

/** The header that carries a request's id from server/serve.mjs to the app and back to the client. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * The wall clock, read through `performance.now()` and set against `Date.now()` once a second. In
 * the server process Next replaces `Date`: its `Date.now()` and `new Date()` ask Next's request
 * storage whether the clock may be read, on every call, which made the time of a request's log
 * line cost more than the rest of the line. A step of the system clock shows within a second.
 */
const clock = { offset: Date.now() - performance.now(), setAt: performance.now() };
function wallClockMs() {
  const now = performance.now();
  if (now - clock.setAt >= 1000) {
    clock.offset = Date.now() - now;
    clock.setAt = now;
  }
  return Math.floor(now + clock.offset);
}

let lastMs = -1;
let lastTime = "";
/** pino's `isoTime`, with the line's `"time"` made once a millisecond rather than once a line. */
export function isoTime() {
  const ms = wallClockMs();
  if (ms !== lastMs) {
    lastMs = ms;
    lastTime = `,"time":"${new Date(ms).toISOString()}"`;
  }
  return lastTime;
}

/**
 * A new logger; tests pass their own destination to read the lines.
 * @param {{ level?: string, destination?: import("pino").DestinationStream }} [options]
 */
export function createLogger(options = {}) {
  const wanted = (options.level ?? process.env.LOG_LEVEL ?? "info").trim().toLowerCase();
  const level = LEVELS.has(wanted) ? wanted : "info";
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: isoTime,
      // Level names, not numbers: log collectors and people read "warn" more easily than 40.
      formatters: { level: (label) => ({ level: label }) },
      // A stray credential in a logged object never reaches the log.
      redact: { paths: ["password", "*.password", "authorization", "*.authorization", "cookie", "*.cookie"], censor: "[redacted]" },
    },
    options.destination ?? stdout(),
  );
}

/** How long a line may wait in the buffer of a quiet server before it is written. */
const FLUSH_MS = 250;

/**
 * Standard output, written asynchronously and in batches: a line a request used to be a write a
 * request, a system call on the answer's path. Lines wait in memory until 4 KB have gathered or
 * FLUSH_MS has passed, whichever comes first; pino writes what is left when the process exits,
 * a crash included (not a SIGKILL).
 */
function stdout() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  // sonic-boom's own fields, not in its types: `destroyed`, and `_len`, what it holds (if a version
  // drops it, every tick flushes).
  const state = /** @type {{ destroyed?: boolean; _len?: number }} */ (/** @type {unknown} */ (destination));
  setInterval(() => {
    if (state.destroyed || state._len === 0) return;
    // Without a callback: sonic-boom's flush(cb) adds an "error" and a "drain" listener that only
    // a drain removes (then an fsync), and a busy server's stream never drains, so they piled up.
    // A failed write is the stream's "error", as for every other line (pino's handler). A throw
    // from flush itself (a stream destroyed meanwhile) stays in this timer.
    try {
      destination.flush();
    } catch {
      // closed: nothing left to write
    }
  }, FLUSH_MS).unref();
  return destination;
}

/** The process's logger. @type {() => import("pino").Logger} */
export const logger = processSlot("newsroom.logger", () => createLogger());

/**
 * The logger of the line server/observe.mjs writes for every request: the process's logger
 * without redaction, which costs more than the rest of the line. Only for objects whose fields
 * the server sets itself (id, method, URL, route group, status, time, cache).
 * @type {() => import("pino").Logger}
 */
export const accessLogger = processSlot("newsroom.accessLogger", () => logger().child({}, { redact: { paths: [] } }));

/**
 * The process's logger for one request (every line carries `reqId`), or the plain logger when
 * there is no id (a job, a script).
 * @param {string | null | undefined} reqId
 */
export function requestLogger(reqId) {
  return reqId ? logger().child({ reqId }) : logger();
}
