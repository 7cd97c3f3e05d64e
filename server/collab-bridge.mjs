// @ts-check
/**
 * How server/serve.mjs reaches the collaboration server that the app starts (instrumentation.ts,
 * lib/collab/server.ts): one process-wide slot (lib/process-slot.mjs), because this file
 * is loaded twice in the one process (in Next's bundle and by Node for serve.mjs). WebSocket
 * upgrades to /collab go to it; on SIGTERM it stores every open document before the exit.
 */
import { processSlot } from "../lib/process-slot.mjs";

/**
 * @typedef {{
 *   handleUpgrade: (req: import("node:http").IncomingMessage, socket: import("node:stream").Duplex, head: Buffer, clientAddress?: string) => boolean,
 *   close: () => Promise<void>,
 * }} CollabEndpoint
 */

const bridge = processSlot("newsroom.collabBridge", () => /** @type {{ endpoint: CollabEndpoint | null }} */ ({ endpoint: null }));

/** @param {CollabEndpoint} endpoint */
export function registerCollabEndpoint(endpoint) {
  bridge().endpoint = endpoint;
}

/**
 * An upgrade request: true when the collaboration server took it.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:stream").Duplex} socket
 * @param {Buffer} head
 * @param {string} [clientAddress] who is connecting (server/client-address.mjs), for the attempt limit
 */
export function collabUpgrade(req, socket, head, clientAddress) {
  return bridge().endpoint?.handleUpgrade(req, socket, head, clientAddress) ?? false;
}

/** Stores the open documents (on shutdown); nothing when no collaboration server runs. */
export async function closeCollab() {
  await bridge().endpoint?.close();
}
