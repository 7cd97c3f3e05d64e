import { getDb } from "@/db";
import { listSections, serveApi } from "@/lib/content-api/handlers";
import { preflight } from "@/lib/content-api/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return serveApi(await getDb(), request, listSections);
}

export const OPTIONS = preflight;
