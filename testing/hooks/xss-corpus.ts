import "server-only";

import { getDb } from "@/db";
import { craftedBodies, XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { expirePublicSite } from "@/lib/cache/revalidate";
import { retireXssCorpus, seedXssCorpus } from "@/testing/xss-seed";

/**
 * The stored-XSS spec's corpus, written through the domain functions, then dated back to 2001
 * when the spec is done so later specs see the newsroom as it was.
 */
export async function xssCorpusHook(request: Request): Promise<Response> {
  const input = (await request.json()) as { action: "seed" | "retire"; ids?: string[] };
  const db = await getDb();
  if (input.action === "seed") {
    const report = await seedXssCorpus(db, XSS_PAYLOADS, craftedBodies);
    if (report.articles.length > 0) expirePublicSite();
    return Response.json(report);
  }
  await retireXssCorpus(db, input.ids ?? []);
  return Response.json({ ok: true });
}
