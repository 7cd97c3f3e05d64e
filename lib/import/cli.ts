import "server-only";

import { existsSync, statSync } from "node:fs";
import path from "node:path";

import type { Db } from "@/db";

import { Progress } from "./progress";
import { importWordpress } from "./run";
import { WxrError } from "./wordpress";

export type Io = { out: (line: string) => void; err: (line: string) => void };

const USAGE = `Usage:
  npm run import -- wordpress FILE.xml [--uploads DIR] [--dry-run] [--report FILE.json]
  npm run import -- ghost FILE.json [--uploads DIR] [--dry-run] [--report FILE.json]
      (--uploads: the content/images folder of the Ghost install, or the content folder holding it)
  npm run import -- newsroom FILE.json   (a file from npm run export, into an empty instance)`;

/** The cause in one line (drizzle wraps the driver's error). */
const reason = (error: unknown) => {
  const e = error as Error & { cause?: Error };
  return (e.cause?.message ?? e.message).split("\n")[0];
};

export async function runImportCli(args: string[], db: Db, io: Io): Promise<number> {
  const [kind, file, ...rest] = args;
  const flag = (name: string) => rest.includes(name);
  const value = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  if (!kind || !file || !["wordpress", "ghost", "newsroom"].includes(kind)) {
    io.err(USAGE);
    return 2;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    io.err(`✖ No such file: ${file}`);
    return 1;
  }
  const uploads = value("--uploads");
  if (uploads && (!existsSync(uploads) || !statSync(uploads).isDirectory())) {
    const expected = kind === "ghost" ? "the content/images folder of the Ghost install" : "the wp-content/uploads folder of the old site";
    io.err(`✖ --uploads ${uploads}: no such folder (it should be ${expected}).`);
    return 1;
  }
  const dryRun = flag("--dry-run");
  if (kind === "newsroom") return importNewsroom(db, file, io);
  let progress: Progress | null = null;
  try {
    const opts = {
      dryRun,
      uploadsDir: uploads ? path.resolve(uploads) : null,
      onStart: (total: number) => (progress = new Progress(total)),
      onProgress: (done: number) => progress?.tick(done),
    };
    const report = kind === "wordpress" ? await importWordpress(db, file, opts) : await (await import("./ghost")).importGhost(db, file, opts);
    (progress as Progress | null)?.end(report.total);
    io.out(report.format({ dryRun }));
    const out = value("--report");
    if (out) {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
      io.out(`Report written to ${out}.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof WxrError || (error as Error).name === "GhostError") {
      io.err(`✖ ${(error as Error).message}`);
      return 1;
    }
    io.err(`✖ Import stopped: ${reason(error)}. Every batch before this one is complete; run the same command again to finish.`);
    return 1;
  }
}

async function importNewsroom(db: Db, file: string, io: Io): Promise<number> {
  const { importJsonFile, ExportFormatError } = await import("@/lib/export/json");
  const images = `${file}.images`;
  try {
    const r = await importJsonFile(db, file, { imagesDir: existsSync(images) ? images : null });
    io.out(
      `Imported ${r.rows} rows and ${r.images} image(s).${r.matchedUsers.length ? ` ${r.matchedUsers.length} exported user(s) matched by e-mail to people already here.` : ""}`,
    );
    io.out("Imported people have no password: invite them from /newsroom/users or run npm run users.");
    return 0;
  } catch (error) {
    io.err(error instanceof ExportFormatError ? `✖ ${error.message}` : `✖ Import stopped, nothing was written: ${reason(error)}`);
    return 1;
  }
}
