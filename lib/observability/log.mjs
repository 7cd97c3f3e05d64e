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
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: log collectors and people read "warn" more easily than 40.
      formatters: { level: (label) => ({ level: label }) },
      // A stray credential in a logged object never reaches the log.
      redact: { paths: ["password", "*.password", "authorization", "*.authorization", "cookie", "*.cookie"], censor: "[redacted]" },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The process's logger. @type {() => import("pino").Logger} */
export const logger = processSlot("newsroom.logger", () => createLogger());

/**
 * The process's logger for one request (every line carries `reqId`), or the plain logger when
 * there is no id (a job, a script).
 * @param {string | null | undefined} reqId
 */
export function requestLogger(reqId) {
  return reqId ? logger().child({ reqId }) : logger();
}
