import "server-only";

import { and, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db";
import { articles } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/session";
import { canEmbargo } from "@/lib/permissions";

/**
 * Moves an article's embargo into the past, as if the clock had passed it, so the e2e can watch
 * the job runner release the article without waiting for the time. The sidebar refuses an
 * embargo in the past, hence the direct write. Authorised like setting an embargo.
 */
export async function backdateEmbargoHook(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || !canEmbargo(user).ok) return Response.json({ ok: false }, { status: 403 });
  const input = z.object({ articleId: z.uuid(), minutesAgo: z.number().int().min(1).max(100_000) }).safeParse(await request.json());
  if (!input.success) return Response.json({ ok: false }, { status: 400 });
  const db = await getDb();
  const rows = await db
    .update(articles)
    .set({ embargoUntil: new Date(Date.now() - input.data.minutesAgo * 60_000) })
    .where(and(eq(articles.id, input.data.articleId), isNotNull(articles.embargoUntil)))
    .returning({ id: articles.id });
  return Response.json({ ok: rows.length === 1 }, { status: rows.length === 1 ? 200 : 409 });
}
