import { getHandle } from "@/db";
import { checkReadiness, mayReadDetails } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/** Readiness for load balancers: 200 once the database answers with every migration applied, else 503. Details with `Authorization: Bearer $READY_TOKEN`. */
export async function GET(request: Request) {
  const { ready, details } = await checkReadiness(getHandle);
  const body = mayReadDetails(request.headers.get("authorization")) ? { ready, ...details } : { ready };
  return Response.json(body, { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
