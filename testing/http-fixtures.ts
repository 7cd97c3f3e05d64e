import "server-only";

import { eq } from "drizzle-orm";

import type { Db } from "@/db";
import { insertUser } from "@/db/queries/users";
import { articles, users } from "@/db/schema";
import { createArticle, cutRevision, makeLive } from "@/lib/articles/store";
import { hashPassword } from "@/lib/auth/password";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/workflow/article-workflow";

/**
 * Test-only fixtures for e2e/security-http.spec.ts: one article of Claire's in every state
 * (with a revision to restore), and a throw-away journalist whose session the spec ends by
 * deactivating them. Nothing here is reachable outside E2E_TEST_HOOKS.
 */
export async function securityFixtures(db: Db, tag: string) {
  const byEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];
  const [claire, yanis, editor, admin] = await Promise.all(["claire", "yanis", "editor", "admin"].map((n) => byEmail(`${n}@newsroom.test`)));
  const out: Record<string, { id: string; version: number; headline: string }> = {};
  for (const status of ARTICLE_STATUSES as readonly ArticleStatus[]) {
    const headline = `Sécurité ${tag} ${status}`;
    const a = await createArticle(db, { createdById: claire.id, headline, body: docFromParagraphs(["Texte secret de Claire."]), tags: [] });
    await cutRevision(db, a.id, { reason: "save_version", actorId: claire.id });
    if (status === "published" || status === "unpublished") await db.transaction((tx) => makeLive(tx, a.id, { actorId: editor.id }));
    await db
      .update(articles)
      .set({ status, scheduledAt: status === "scheduled" ? new Date(Date.now() + 86_400_000) : null })
      .where(eq(articles.id, a.id));
    const [row] = await db.select({ version: articles.version }).from(articles).where(eq(articles.id, a.id));
    out[status] = { id: a.id, version: row.version, headline };
  }
  const email = `victim-${tag}@newsroom.test`;
  const password = "victim-password-0123";
  const victim = await insertUser({ db, email, name: `Victime ${tag}`, role: "journalist", passwordHash: await hashPassword(password) });
  const ids = (u: typeof claire) => ({ id: u.id, sv: u.sessionVersion, name: u.name, email: u.email });
  return {
    articles: out,
    users: { claire: ids(claire), yanis: ids(yanis), editor: ids(editor), admin: ids(admin) },
    victim: { id: victim.id, email, password, name: victim.name },
  };
}
