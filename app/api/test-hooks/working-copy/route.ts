import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { articles } from "@/db/schema";
import { getAuthorIds } from "@/lib/articles/store";
import { getCurrentUser } from "@/lib/auth/session";
import { canArticle } from "@/lib/permissions";

export const dynamic = "force-dynamic";

/**
 * TEST ONLY (404 unless E2E_TEST_HOOKS=1): what the editor's save does to a published article —
 * changes the working copy and flags it as unpublished changes — so the workflow e2e can run
 * before the editor page exists. Still authorised like an edit. Drop it once the editor page
 * drives that test.
 */
export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  const user = await getCurrentUser();
  if (!user) return Response.json({ ok: false }, { status: 401 });
  const input = z.object({ articleId: z.uuid(), headline: z.string().min(1).max(200) }).safeParse(await request.json());
  if (!input.success) return Response.json({ ok: false }, { status: 400 });
  const db = await getDb();
  const [article] = await db.select().from(articles).where(eq(articles.id, input.data.articleId));
  if (!article) return Response.json({ ok: false }, { status: 404 });
  const authorIds = await getAuthorIds(db, article.id);
  if (!canArticle(user, "edit", { status: article.status, authorIds }).ok) return Response.json({ ok: false }, { status: 403 });
  await db
    .update(articles)
    .set({
      headline: input.data.headline,
      version: sql`${articles.version} + 1`,
      updatedById: user.id,
      updatedAt: new Date(),
      hasUnpublishedChanges: article.status === "published" ? true : article.hasUnpublishedChanges,
    })
    .where(eq(articles.id, article.id));
  return Response.json({ ok: true });
}
