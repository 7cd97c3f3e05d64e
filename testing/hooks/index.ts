import "server-only";

import { articlesHook } from "./articles";
import { backdateScheduleHook } from "./backdate-schedule";
import { checklistHook } from "./checklist";
import { clockHook } from "./clock";
import { frontPageHook } from "./front-page";
import { legacyRedirectsHook } from "./legacy-redirects";
import { previewsHook } from "./previews";
import { securityHook } from "./security";
import { xssCorpusHook } from "./xss-corpus";

/** One test hook: answers one request of the e2e runner. */
export type TestHook = (request: Request) => Promise<Response>;

const HOOKS: Record<string, Partial<Record<"GET" | "POST", TestHook>>> = {
  articles: { POST: articlesHook },
  "backdate-schedule": { POST: backdateScheduleHook },
  checklist: { POST: checklistHook },
  clock: { GET: clockHook.get, POST: clockHook.set },
  previews: { POST: previewsHook },
  "legacy-redirects": { POST: legacyRedirectsHook },
  "front-page": { POST: frontPageHook },
  security: { GET: securityHook.digest, POST: securityHook.fixtures },
  "xss-corpus": { POST: xssCorpusHook },
};

/**
 * The e2e specs' way into the server's data (app/api/test-hooks/[hook]): PGlite admits one
 * process, so a spec cannot open the database itself. Each hook changes data the way the
 * newsroom does, through the domain functions.
 */
export async function runTestHook(name: string, request: Request): Promise<Response> {
  const handler = Object.hasOwn(HOOKS, name) ? HOOKS[name][request.method as "GET" | "POST"] : undefined;
  if (!handler) return new Response("Not found", { status: 404 });
  return handler(request);
}
