export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers. Nothing about the database or the schema (that would tell anyone
 * what the site runs); readiness and its details are /api/ready.
 */
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
