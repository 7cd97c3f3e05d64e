// @ts-check
/**
 * Every request gets an id, first thing in server/serve.mjs: the one a trusted proxy sent in
 * X-Request-Id (TRUST_PROXY; a well-formed one only), else a new UUID. It is put in the request's
 * X-Request-Id header for the app (its log lines carry it: lib/observability/request-log.ts) and
 * in the response's, so a reader's report or a proxy log leads to the server's lines. When the
 * response is finished (or the client went away) one JSON line is logged and the request counted
 * in the metrics.
 */
import { randomUUID } from "node:crypto";

import { REQUEST_ID_HEADER } from "../lib/observability/log.mjs";
import { routeGroup } from "./metrics.mjs";

const WELL_FORMED = /^[A-Za-z0-9._:@/+=-]{8,128}$/;

/** @typedef {import("node:http").IncomingMessage} Req @typedef {import("node:http").ServerResponse} Res */

/**
 * @param {{
 *   log: import("pino").Logger,
 *   metrics?: { observe: (group: string, method: string, status: number | string, seconds: number) => void },
 *   trust: (addr: string, hop: number) => boolean,
 * }} options
 */
export function createObserver({ log, metrics, trust }) {
  /**
   * Gives the request its id and arranges its log line and metrics. Returns the id.
   * @param {Req} req @param {Res} res
   */
  return function observe(req, res) {
    const started = process.hrtime.bigint();
    const sent = req.headers[REQUEST_ID_HEADER];
    const peer = req.socket?.remoteAddress ?? "";
    const id = typeof sent === "string" && WELL_FORMED.test(sent) && peer !== "" && trust(peer, 0) ? sent : randomUUID();
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    // The group of the URL as it arrived (the page cache may rewrite req.url to its canonical form).
    const group = routeGroup(url);
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished ? res.statusCode : "aborted";
      metrics?.observe(group, method, status, seconds);
      const cache = res.getHeader("x-newsroom-cache");
      const line = { reqId: id, method, url: url.slice(0, 2048), group, status, ms: Math.round(seconds * 10_000) / 10, ...(cache ? { cache } : {}) };
      if (typeof status === "number" && status >= 500) log.error(line, "request failed");
      else log.info(line, "request");
    });
    return id;
  };
}
