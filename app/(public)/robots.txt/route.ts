import { originOf } from "@/lib/seo/site-url";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const origin = originOf(request);
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /newsroom",
    "Disallow: /login",
    "Disallow: /api/",
    "Disallow: /search",
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    `Sitemap: ${origin}/news-sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
