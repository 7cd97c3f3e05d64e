import { getDb } from "@/db";
import { listArticles, serveApi } from "@/lib/content-api/handlers";
import { preflight } from "@/lib/content-api/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return serveApi(await getDb(), request, listArticles);
}

export const OPTIONS = preflight;
