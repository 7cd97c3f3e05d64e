import "server-only";

import { z } from "zod";

import { getDb } from "@/db";
import { upsertLegacyRedirect } from "@/db/queries/import";
import { getPublishedArticleBySlug } from "@/db/queries/public";
import { getCurrentUser } from "@/lib/auth/session";
import { legacyPathKey } from "@/lib/import/permalinks";
import { canGlobal } from "@/lib/permissions";

/**
 * Records old addresses as an import would (lib/import/apply.ts), without importing articles
 * into the shared e2e database: the redirect spec checks how the server answers them.
 */
export async function legacyRedirectsHook(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || !canGlobal(user, "articles:view_all").ok) return Response.json({ ok: false }, { status: 403 });
  const input = z
    .object({
      redirects: z
        .array(z.object({ path: z.string().min(1).max(500), slug: z.string().max(200).optional(), target: z.string().startsWith("/").optional() }))
        .max(20),
    })
    .safeParse(await request.json());
  if (!input.success) return Response.json({ ok: false }, { status: 400 });
  const db = await getDb();
  for (const r of input.data.redirects) {
    const path = legacyPathKey(r.path);
    const article = r.slug ? await getPublishedArticleBySlug({ db, slug: r.slug }) : null;
    if (!path || (r.slug && !article)) return Response.json({ ok: false }, { status: 400 });
    await upsertLegacyRedirect({ db, path, articleId: article?.id ?? null, target: r.target ?? null });
  }
  return Response.json({ ok: true });
}
