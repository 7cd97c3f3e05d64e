import "server-only";

import { headers } from "next/headers";

import { logger, REQUEST_ID_HEADER, requestLogger } from "./log.mjs";

/**
 * The logger for what happens while answering the current request: its lines carry the id
 * server/serve.mjs gave the request. Outside a request (a job, a script) the plain logger.
 */
export async function requestLog() {
  try {
    return requestLogger((await headers()).get(REQUEST_ID_HEADER));
  } catch {
    return logger();
  }
}
