#!/usr/bin/env node
// The baseline: a page's HTML served from memory by Node's own http module, nothing else.
// node scripts/bench/static-server.mjs PORT FILE
import { readFileSync } from "node:fs";
import http from "node:http";

const [port, file] = process.argv.slice(2);
const body = readFileSync(file);
http
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    res.end(body);
  })
  .listen(Number(port), () => process.send?.("ready"));
