/**
 * A second app server for the specs that need a database of their own (the first-run page needs
 * an empty one): scripts/e2e-server.mjs on a free port, from the same build and on the same
 * engine as the suite's server (E2E_PG_URL), with the given extra environment. Stopped and its
 * database removed by `stop()`.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

import { adminQuery } from "./pg-admin";

export type ExtraInstance = { base: string; port: number; output: () => string; stop: () => Promise<void> };

/** A port the system just handed out for port 0, free again once the probe closed. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startExtraInstance(env: Record<string, string>, timeoutMs = 180_000): Promise<ExtraInstance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, ...env, E2E_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const base = `http://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    }
    if (process.env.E2E_PG_URL) await adminQuery(process.env.E2E_PG_URL, `DROP DATABASE IF EXISTS newsroom_e2e_${port} WITH (FORCE)`);
    else rmSync(path.join(process.cwd(), ".data", `e2e-${port}`), { recursive: true, force: true });
    rmSync(path.join(process.cwd(), ".data", `e2e-${port}-uploads`), { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the extra server exited (${child.exitCode}):\n${output}`);
    const ready = await fetch(`${base}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { base, port, output: () => output, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the extra server did not answer within ${timeoutMs} ms:\n${output}`);
}
