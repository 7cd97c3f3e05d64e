/** Fixtures shared by the workflow integration tests (not imported by the app). */
import { eq, sql } from "drizzle-orm";

import { queryRows, type Db } from "@/db";
import { insertUser } from "@/db/queries/users";
import { articles, type NewArticle, type User } from "@/db/schema";
import { createArticle, cutRevision, makeLive } from "@/lib/articles/store";
import type { PolicyUser } from "@/lib/permissions";
import { docFromParagraphs } from "@/lib/rich-text/body";
import type { Role } from "@/lib/roles";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";

export type Cast = Record<"claire" | "yanis" | "editor" | "editor2" | "admin", PolicyUser & { email: string }>;

export async function makeCast(db: Db, prefix = ""): Promise<Cast> {
  const make = async (key: string, role: Role): Promise<PolicyUser & { email: string }> => {
    const u: User = await insertUser({
      db,
      email: `${prefix}${key}@example.test`,
      name: `${key[0].toUpperCase()}${key.slice(1)} ${prefix}`.trim(),
      role,
      passwordHash: null,
    });
    return { id: u.id, role: u.role, active: true, email: u.email };
  };
  return {
    claire: await make("claire", "journalist"),
    yanis: await make("yanis", "journalist"),
    editor: await make("editor", "editor"),
    editor2: await make("editor2", "editor"),
    admin: await make("admin", "admin"),
  };
}

export async function makeArticle(db: Db, authorId: string, headline = `Une enquête ${Math.random().toString(36).slice(2, 8)}`, coAuthors: string[] = []) {
  return createArticle(db, {
    createdById: authorId,
    headline,
    body: docFromParagraphs(["Premier paragraphe, avec des accents : é, à, ç — et « guillemets »."]),
    tags: ["Chine"],
    authorIds: coAuthors,
  });
}

export async function articleRow(db: Db, id: string) {
  const [a] = await db.select().from(articles).where(eq(articles.id, id));
  return a;
}

export async function countRows(db: Db, table: string, articleId: string, extra = ""): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table} where article_id = '${articleId}' ${extra}`));
  return Number(r.n);
}

export const noRevalidate = () => {};

/**
 * An article by `authorId` put straight into `status` (a saved version; made live first for the
 * published states, by `publisherId`), for the authorisation tables that need every state. `set`
 * adds or overrides columns (a scheduled one is due tomorrow).
 */
export async function articleInState(
  db: Db,
  { authorId, publisherId, status, set = {} }: { authorId: string; publisherId: string; status: ArticleStatus; set?: Partial<NewArticle> },
): Promise<string> {
  const a = await makeArticle(db, authorId);
  await cutRevision(db, a.id, { reason: "save_version", actorId: authorId });
  if (status === "published" || status === "unpublished") await db.transaction((tx) => makeLive(tx, a.id, { actorId: publisherId }));
  await db
    .update(articles)
    .set({ status, scheduledAt: status === "scheduled" ? new Date(Date.now() + 86_400_000) : null, ...set })
    .where(eq(articles.id, a.id));
  return a.id;
}
