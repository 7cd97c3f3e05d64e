import { getDb } from "@/db";
import { expirePublicSite } from "@/lib/cache/revalidate";
import { retireXssCorpus, seedXssCorpus } from "@/lib/security/xss-seed";
import { craftedBodies, XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";

export const dynamic = "force-dynamic";

/**
 * TEST ONLY (404 unless E2E_TEST_HOOKS=1): the stored-XSS spec asks the server to write its
 * corpus through the domain functions (PGlite admits one process, so the spec cannot), then to
 * date it back to 2001 when it is done so later specs see the newsroom as it was.
 */
export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
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
