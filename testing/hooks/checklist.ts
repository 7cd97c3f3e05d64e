import "server-only";

import { eq } from "drizzle-orm";

import { getDb, type Db } from "@/db";
import { checklistItems, users } from "@/db/schema";
import { XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { createArticle } from "@/lib/articles/store";
import { createChecklistItem, setChecklistTick } from "@/lib/checklist/checklist";
import type { PolicyUser } from "@/lib/permissions";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { runTransition } from "@/lib/workflow/transitions";

/**
 * The checklist spec's way in (e2e/sign-off-checklist.spec.ts), through the domain functions:
 * - `article`: an article by the demo editor, submitted for review (headline = value);
 * - `xss`: one checklist item per corpus payload, each ticked by the demo admin on such an
 *   article, so the labels reach the settings list, the sidebar and the timeline;
 * - `reset`: no checklist items any more (the checklist is newsroom-wide: other specs approve).
 */
export async function checklistHook(request: Request): Promise<Response> {
  const input = (await request.json()) as { action: string; value?: string };
  const db = await getDb();
  const author = await demoUser(db, "editor");
  const checker = await demoUser(db, "admin");
  switch (input.action) {
    case "article":
      return Response.json(await inReview(db, author, input.value ?? "Checklist"));
    case "xss": {
      const article = await inReview(db, author, "Checklist XSS");
      for (const label of XSS_PAYLOADS) {
        const item = await createChecklistItem(db, checker, { label: label.slice(0, 200), required: false });
        if (!item.ok) return Response.json({ error: item.message }, { status: 409 });
        await setChecklistTick(db, checker, { articleId: article.id, itemId: item.data.id, ticked: true });
      }
      return Response.json(article);
    }
    case "reset":
      await db.delete(checklistItems);
      return Response.json({ ok: true });
    default:
      return Response.json({ error: "unknown action" }, { status: 400 });
  }
}

async function inReview(db: Db, author: PolicyUser, headline: string): Promise<{ id: string }> {
  const created = await createArticle(db, { createdById: author.id, headline, body: docFromParagraphs([`${headline} — corps du texte.`]) });
  await runTransition(db, author, { articleId: created.id, action: "submit" });
  return { id: created.id };
}

async function demoUser(db: Db, key: "editor" | "admin"): Promise<PolicyUser> {
  const [u] = await db
    .select()
    .from(users)
    .where(eq(users.email, `${key}@newsroom.test`));
  return { id: u.id, role: u.role, active: true };
}
