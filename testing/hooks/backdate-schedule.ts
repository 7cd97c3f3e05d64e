import "server-only";

import { and, eq } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db";
import { articles } from "@/db/schema";
import { getCurrentUser } from "@/lib/auth/session";
import { canGlobal } from "@/lib/permissions";

/**
 * Moves a scheduled article's due time into the past, as if the app had been down when it fell
 * due, so the e2e can watch the job runner catch up without waiting for the clock. No workflow
 * step can do this (scheduling demands a future time), hence the direct write. Authorised like
 * an editor's action, so the security spec can check it refuses a journalist.
 */
export async function backdateScheduleHook(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || !canGlobal(user, "articles:view_all").ok) return Response.json({ ok: false }, { status: 403 });
  const input = z.object({ articleId: z.uuid(), minutesAgo: z.number().int().min(1).max(100_000) }).safeParse(await request.json());
  if (!input.success) return Response.json({ ok: false }, { status: 400 });
  const db = await getDb();
  const rows = await db
    .update(articles)
    .set({ scheduledAt: new Date(Date.now() - input.data.minutesAgo * 60_000) })
    .where(and(eq(articles.id, input.data.articleId), eq(articles.status, "scheduled")))
    .returning({ id: articles.id });
  return Response.json({ ok: rows.length === 1 }, { status: rows.length === 1 ? 200 : 409 });
}
