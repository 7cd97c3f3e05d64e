import "server-only";

import { once } from "node:events";
import { createWriteStream } from "node:fs";

import type { Db } from "@/db";

import { writeExportJson } from "./json";
import { exportWxr } from "./wxr";

export type Io = { out: (line: string) => void; err: (line: string) => void; write?: (chunk: string) => void };

const USAGE = "Usage: npm run export -- [--format json|wxr] [--out FILE] [--site https://example.com]";

const reason = (error: unknown) => {
  const e = error as Error & { cause?: Error };
  return (e.cause?.message ?? e.message).split("\n")[0];
};

/** `npm run export`: the newsroom as our JSON (images in FILE.images/) or as a WordPress WXR file. */
export async function runExportCli(args: string[], db: Db, io: Io): Promise<number> {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const format = value("--format") ?? "json";
  const out = value("--out");
  if (!["json", "wxr"].includes(format) || args.includes("--help")) {
    io.err(USAGE);
    return 2;
  }
  const write = io.write ?? ((c: string) => process.stdout.write(c));
  try {
    if (format === "json") {
      // Written as it is read, a row at a time: an archive of any size is never one string.
      const stream = out ? createWriteStream(out) : null;
      const { counts, images, missingImages } = await writeExportJson(
        db,
        async (chunk) => {
          if (stream) {
            if (!stream.write(chunk)) await once(stream, "drain");
          } else if (io.write) io.write(chunk);
          else if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
        },
        { imagesDir: out ? `${out}.images` : null },
      );
      if (stream) {
        stream.end();
        await once(stream, "finish");
      }
      const listed = Object.entries(counts)
        .filter(([, n]) => n)
        .map(([name, n]) => `${name} ${n}`)
        .join(", ");
      io.err(`Exported ${listed}${out ? ` to ${out}; ${images} image(s) in ${out}.images/` : " (images are copied only with --out)"}.`);
      if (missingImages.length)
        io.err(`⚠ ${missingImages.length} image(s) referred to but missing from the uploads store: ${missingImages.slice(0, 10).join(", ")}`);
      return 0;
    }
    const site = (value("--site") ?? process.env.SITE_URL ?? "http://localhost:3000").replace(/\/+$/, "");
    const stream = out ? createWriteStream(out) : null;
    let items = 0;
    for await (const chunk of exportWxr(db, site)) {
      if (chunk.startsWith("\t<item>")) items++;
      if (stream) {
        if (!stream.write(chunk)) await once(stream, "drain");
      } else write(chunk);
    }
    if (stream) {
      stream.end();
      await once(stream, "finish");
    }
    io.err(`Exported ${items} article(s) as WXR 1.2${out ? ` to ${out}` : ""}; image addresses are absolute on ${site}.`);
    return 0;
  } catch (error) {
    io.err(`✖ Export failed: ${reason(error)}`);
    return 1;
  }
}
