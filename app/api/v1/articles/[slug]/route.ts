import { getDb } from "@/db";
import { getArticle, serveApi } from "@/lib/content-api/handlers";
import { preflight } from "@/lib/content-api/http";
import { slugParam } from "@/lib/seo/slug-param";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return serveApi(await getDb(), request, getArticle(slugParam((await params).slug)));
}

export const OPTIONS = preflight;
