import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/** Server action ids of the build under test, by exported name (from Next's server reference manifest). */
export function actionIds(): Record<string, string> {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), dist, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) out[entry.exportedName] = id;
  return out;
}

export type Digest = Record<string, string>;
export async function digest(request: APIRequestContext): Promise<Digest> {
  const r = await request.get("/api/test-hooks/security");
  if (!r.ok()) throw new Error(`digest: ${r.status()}`);
  return r.json();
}
export function changed(a: Digest, b: Digest): string[] {
  return Object.keys(a).filter((k) => a[k] !== b[k]);
}

/**
 * Calls a server action the way the browser does: POST with the `next-action` header. Plain
 * arguments go as the JSON array React sends; a FormData argument is encoded like React's
 * encodeReply (root "0" refers to form "$K1", whose fields are prefixed "_1_", as captured from Chromium).
 */
export async function callAction(
  request: APIRequestContext,
  id: string,
  args: unknown[],
  opts: {
    cookie?: string;
    origin?: string | null;
    path?: string;
    form?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
    formIndex?: number;
  } = {},
): Promise<{ status: number; body: string; ok: boolean; redirect: string }> {
  const base = new URL(process.env.PLAYWRIGHT_BASE ?? `http://localhost:${process.env.E2E_PORT || 3200}`);
  const headers: Record<string, string> = { "next-action": id, accept: "text/x-component" };
  if (opts.origin !== null) headers.origin = opts.origin ?? base.origin;
  if (opts.cookie !== undefined) headers.cookie = opts.cookie;
  const url = opts.path ?? "/newsroom";
  let r;
  if (opts.form) {
    const root = [...args];
    root.splice(opts.formIndex ?? root.length, 0, "$K1");
    // The root goes last, as browsers send it: the server streams the body and resolves "$K1"
    // from the fields already read. (A FormData, because an object would put the key "0" first.)
    const multipart = new FormData();
    for (const [k, v] of Object.entries(opts.form)) {
      multipart.append(`_1_${k}`, typeof v === "string" ? v : new File([new Uint8Array(v.buffer)], v.name, { type: v.mimeType }));
    }
    multipart.append("0", JSON.stringify(root));
    r = await request.post(url, { headers, multipart, maxRedirects: 0 });
  } else {
    r = await request.post(url, { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, data: JSON.stringify(args), maxRedirects: 0 });
  }
  const body = await r.text();
  return { status: r.status(), body, ok: /"ok":true/.test(body), redirect: r.headers()["x-action-redirect"] ?? "" };
}

/** The session cookie of a signed-in browser context, as a Cookie header. */
export function cookieHeader(cookies: { name: string; value: string }[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
