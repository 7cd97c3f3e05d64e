import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";

import { createPageCache } from "./page-cache.mjs";

describe("page cache with a pushed generation (peekGeneration)", () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  it("answers hits without reading the database while the watch vouches, and reads when it does not", async () => {
    let pushed: number | null = 1;
    let stored = 1;
    let reads = 0;
    let renders = 0;
    const cache = createPageCache({
      readGeneration: () => {
        reads++;
        return Promise.resolve(stored);
      },
      peekGeneration: () => pushed,
      checkIntervalMs: 0,
    });
    const answers: string[] = [];
    server = createServer((req, res) => {
      const answer = cache.handle(req, res, () => {
        renders++;
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<p>render ${renders}</p>`);
      });
      answers.push(answer instanceof Promise ? "promise" : String(answer));
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/articles/a`;
    const get = async () => {
      const r = await fetch(url);
      return { body: await r.text(), cache: r.headers.get("x-newsroom-cache") };
    };

    expect(await get()).toEqual({ body: "<p>render 1</p>", cache: "miss" });
    expect(await get()).toEqual({ body: "<p>render 1</p>", cache: "hit" });
    expect(reads).toBe(0);
    // A hit on a pushed generation is answered before handle() returns: no promise made for it.
    expect(answers).toEqual(["promise", "undefined"]);

    // A notification: the very next request renders the new generation.
    pushed = 2;
    stored = 2;
    expect(await get()).toEqual({ body: "<p>render 2</p>", cache: "miss" });
    expect(reads).toBe(0);

    // The watch no longer vouches (connection lost, window passed): each request reads the database.
    pushed = null;
    stored = 3;
    expect(await get()).toEqual({ body: "<p>render 3</p>", cache: "miss" });
    expect(await get()).toEqual({ body: "<p>render 3</p>", cache: "hit" });
    expect(reads).toBe(2);
  });
});
