import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { articles, comments, sections, users } from "@/db/schema";
import { insertUser } from "@/db/queries/users";
import { recordEvent } from "@/lib/articles/events";
import { createArticle, cutRevision, makeLive } from "@/lib/articles/store";
import { hashPassword } from "@/lib/auth/password";
import { docFromParagraphs } from "@/lib/rich-text/body";
import type { Role } from "@/lib/roles";
import { DEMO_ARTICLES, DEMO_SECTIONS, DEMO_USERS } from "./content";

export type DemoCredential = { email: string; password: string; role: string; name: string };

/**
 * Seeds the demo newsroom once: four users, three sections and articles in every workflow
 * state. Does nothing when the database already has users, so restarts keep their data.
 */
export async function seedDemo(db: Db): Promise<{ seeded: boolean; credentials: DemoCredential[] }> {
  const credentials = DEMO_USERS.map((u) => ({ email: u.email, password: u.password, role: u.role, name: u.name }));
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (Number(count) > 0) return { seeded: false, credentials };

  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  const ids = new Map<string, string>();
  for (const [i, u] of DEMO_USERS.entries()) {
    const user = await insertUser({
      db,
      email: u.email,
      name: u.name,
      role: u.role as Role,
      passwordHash: hashes[i],
      profile: {
        jobTitle: u.jobTitle,
        bio: u.bio,
        bioLanguage: u.bioLanguage,
        location: "location" in u ? u.location : "",
        links: "links" in u ? [...u.links] : [],
      },
    });
    ids.set(u.key, user.id);
  }
  const sectionRows = await db
    .insert(sections)
    .values(DEMO_SECTIONS.map((s, position) => ({ ...s, position })))
    .returning();
  const sectionId = new Map(sectionRows.map((s) => [s.slug, s.id]));
  const editorId = ids.get("editor")!;

  for (const demo of DEMO_ARTICLES) {
    const authorId = ids.get(demo.author)!;
    const article = await createArticle(db, {
      createdById: authorId,
      headline: demo.headline,
      dek: demo.dek,
      language: demo.language,
      sectionId: sectionId.get(demo.section),
      highlights: demo.highlights,
      body: docFromParagraphs(demo.paragraphs),
      tags: demo.tags,
      authorIds: (demo.coAuthors ?? []).map((k) => ids.get(k)!),
    });
    await db.transaction(async (tx) => {
      const at = demo.publishedHoursAgo ? new Date(Date.now() - demo.publishedHoursAgo * 3_600_000) : new Date();
      const submittedAt = new Date(at.getTime() - 3_600_000);
      const move = async (from: string, to: string, by: string, comment?: string) => {
        await recordEvent(tx, { type: "article.transition", actorId: by, articleId: article.id, fromStatus: from, toStatus: to, comment });
      };
      if (demo.state === "draft") return;
      await cutRevision(tx, article.id, { reason: "submit", actorId: authorId });
      await move("draft", "in_review", authorId);
      await tx.update(articles).set({ status: "in_review", submittedAt }).where(eq(articles.id, article.id));
      if (demo.state === "in_review") return;
      if (demo.state === "changes_requested") {
        const note = "Merci d’ajouter une source pour les chiffres du deuxième paragraphe.";
        await cutRevision(tx, article.id, { reason: "request_changes", actorId: editorId });
        await move("in_review", "changes_requested", editorId, note);
        await tx.insert(comments).values({ articleId: article.id, authorId: editorId, kind: "request_changes", body: note });
        await tx.update(articles).set({ status: "changes_requested" }).where(eq(articles.id, article.id));
        return;
      }
      if (demo.state === "approved") {
        await cutRevision(tx, article.id, { reason: "approve", actorId: editorId });
        await move("in_review", "approved", editorId);
        await tx.update(articles).set({ status: "approved" }).where(eq(articles.id, article.id));
        return;
      }
      await makeLive(tx, article.id, { actorId: editorId, now: at });
      await move("in_review", "published", editorId);
      if (demo.state === "unpublished") {
        const reason = "Chiffres à vérifier avec l’Insee.";
        await cutRevision(tx, article.id, { reason: "unpublish", actorId: editorId, note: reason });
        await move("published", "unpublished", editorId, reason);
        await tx.update(articles).set({ status: "unpublished" }).where(eq(articles.id, article.id));
      }
    });
  }
  return { seeded: true, credentials };
}

export function formatCredentials(credentials: DemoCredential[]): string {
  const width = Math.max(...credentials.map((c) => c.email.length));
  return credentials.map((c) => `  ${c.role.padEnd(10)} ${c.email.padEnd(width)}  ${c.password}   (${c.name})`).join("\n");
}
