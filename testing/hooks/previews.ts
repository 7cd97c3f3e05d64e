import "server-only";

import { eq } from "drizzle-orm";
import { z } from "zod";

import { getDb } from "@/db";
import { articles, users } from "@/db/schema";
import { createPreviewLink, revokePreviewLink } from "@/lib/previews/links";

/**
 * Shared preview links for the specs (e2e/sign-off-shared-404.spec.ts, e2e/security-xss.spec.ts),
 * made by the demo admin through the domain functions: `open` (48 h), `expired` (made three
 * hours ago for one hour) or `revoked`, of the article `articleId` or `slug`. Answers the token,
 * which the newsroom shows only once.
 */
export async function previewsHook(request: Request): Promise<Response> {
  const input = z
    .object({
      articleId: z.uuid().optional(),
      slug: z.string().max(200).optional(),
      kind: z.enum(["open", "expired", "revoked"]),
      pinned: z.boolean().default(false),
    })
    .safeParse(await request.json());
  if (!input.success) return Response.json({ ok: false }, { status: 400 });
  const { kind, pinned } = input.data;
  const db = await getDb();
  const articleId =
    input.data.articleId ??
    (
      await db
        .select({ id: articles.id })
        .from(articles)
        .where(eq(articles.slug, input.data.slug ?? ""))
    )[0]?.id;
  if (!articleId) return Response.json({ ok: false, message: "no such article" }, { status: 404 });
  const [u] = await db.select().from(users).where(eq(users.email, "admin@newsroom.test"));
  const admin = { id: u.id, role: u.role, active: true };
  const now = kind === "expired" ? new Date(Date.now() - 3 * 3_600_000) : new Date();
  const link = await createPreviewLink(db, admin, { articleId, hours: kind === "expired" ? 1 : 48, pinned, now });
  if (!link.ok) return Response.json(link, { status: 409 });
  if (kind === "revoked") {
    const revoked = await revokePreviewLink(db, admin, { articleId, linkId: link.id });
    if (!revoked.ok) return Response.json(revoked, { status: 409 });
  }
  return Response.json({ ok: true, token: link.token, id: link.id });
}
