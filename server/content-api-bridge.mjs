// @ts-check
/**
 * How server/serve.mjs reaches the Content API that the app registers (instrumentation.ts,
 * lib/content-api/node.ts): one process-wide slot (lib/process-slot.mjs), because this file is
 * loaded twice in the one process (in Next's bundle and by Node for serve.mjs). Until the
 * app has registered it, and for anything it does not answer, requests go on to Next, whose route
 * files (app/api/v1) answer with the same routes.
 */
import { processSlot } from "../lib/process-slot.mjs";

/** @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void> | null} ApiServer */

const bridge = processSlot("newsroom.contentApiBridge", () => /** @type {{ serve: ApiServer | null }} */ ({ serve: null }));

/** @param {ApiServer} serve */
export function registerContentApi(serve) {
  bridge().serve = serve;
}

/**
 * The promise of the Content API's answer when it takes this request; null (synchronously) when
 * it does not, or is not registered yet.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function contentApi(req, res) {
  if (!req.url?.startsWith("/api/v1/")) return null;
  return bridge().serve?.(req, res) ?? null;
}
