import { getDb } from "@/db";
import { dbDigest } from "@/lib/security/db-digest";
import { securityFixtures } from "@/lib/security/http-fixtures";

export const dynamic = "force-dynamic";

/**
 * TEST ONLY (404 unless E2E_TEST_HOOKS=1), for e2e/security-http.spec.ts: GET answers a
 * fingerprint of every table a mutation could touch (a refused call must not change it);
 * POST creates the spec's fixtures. PGlite admits one process, so the spec cannot read the DB.
 */
export async function GET() {
  if (process.env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  return Response.json(await dbDigest(await getDb()));
}

export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  const { tag } = (await request.json()) as { tag: string };
  return Response.json(await securityFixtures(await getDb(), String(tag).replace(/[^a-z0-9]/gi, "").slice(0, 20)));
}
