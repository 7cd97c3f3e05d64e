import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";

import { JsonInputError, scanJsonObjects, type JsonStack } from "./json-objects";

const FILE = JSON.stringify({ db: [{ data: { posts: [{ id: 1, title: "L’été" }, { id: 2 }], tags: [{ id: "t" }], skipped: [{ id: 9 }] } }] });
const rows = (stack: JsonStack) => (stack.length === 5 && stack[2] === "data" && (stack[3] === "posts" || stack[3] === "tags") ? stack[3] : null);

describe("scanJsonObjects", () => {
  it("hands on the chosen objects in file order, each with its key", async () => {
    const seen: [string, unknown][] = [];
    await scanJsonObjects(Readable.from([FILE.slice(0, 17), FILE.slice(17)]), rows, (key, value) => void seen.push([key, value]));
    expect(seen).toEqual([
      ["posts", { id: 1, title: "L’été" }],
      ["posts", { id: 2 }],
      ["tags", { id: "t" }],
    ]);
  });

  it("a file cut short or not JSON is the input's fault (JsonInputError); the caller's own failure comes out as it is", async () => {
    await expect(scanJsonObjects(Readable.from([FILE.slice(0, 40)]), rows, () => undefined)).rejects.toBeInstanceOf(JsonInputError);
    await expect(scanJsonObjects(Readable.from(["<rss/>"]), rows, () => undefined)).rejects.toBeInstanceOf(JsonInputError);
    const mine = new Error("database down");
    await expect(
      scanJsonObjects(Readable.from([FILE]), rows, () => {
        throw mine;
      }),
    ).rejects.toBe(mine);
  });
});
