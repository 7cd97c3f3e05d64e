#!/usr/bin/env node
// The baseline: a page's HTML served from memory by Node's own http module, nothing else.
// node scripts/bench/static-server.mjs PORT FILE [HEADERS.json]
// With HEADERS.json (name → value), every answer carries those headers too: the response
// headers Newsroom sends with a cached page (security headers, policy, Vary, Link…), so the
// bench can tell what sending them costs Node from what Newsroom's own work costs.
import { readFileSync } from "node:fs";
import http from "node:http";

const [port, file, headersFile] = process.argv.slice(2);
const body = readFileSync(file);
const headers = {
  ...(headersFile ? JSON.parse(readFileSync(headersFile, "utf8")) : {}),
  "content-type": "text/html; charset=utf-8",
  "content-length": body.length,
};
http
  .createServer((req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(port), () => process.send?.("ready"));
