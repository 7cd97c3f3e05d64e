import "server-only";

import { eq } from "drizzle-orm";
import sharp from "sharp";

import { getDb, type Db } from "@/db";
import { getAuthorProfile } from "@/db/queries/profiles";
import { articles, authorProfiles, sections, slugRedirects, users, type Article } from "@/db/schema";
import { saveArticle } from "@/lib/articles/editing";
import { createArticle } from "@/lib/articles/store";
import { expirePublicSite } from "@/lib/cache/revalidate";
import { storeImage } from "@/lib/images/upload";
import type { PolicyUser } from "@/lib/permissions";
import { updateProfile } from "@/lib/profiles/profile";
import { docFromParagraphs } from "@/lib/rich-text/body";
import type { WorkflowAction } from "@/lib/workflow/article-workflow";
import { runTransition, type TransitionRequest } from "@/lib/workflow/transitions";

type Input = { action: string; slug: string; value?: string; state?: string; tags?: string[] };
type Cast = { author: PolicyUser; checker: PolicyUser; db: Db };

const TOMORROW = () => new Date(Date.now() + 86_400_000);
const fail = (error: string, status = 404) => Response.json({ error }, { status });

/**
 * State changes for the public e2e specs. The demo editor writes; the demo admin, a second
 * editor, approves, publishes, schedules and unpublishes, so the two-person rule holds and every
 * status change goes through the workflow like the newsroom's own.
 */
export async function articlesHook(request: Request): Promise<Response> {
  const input = (await request.json()) as Input;
  const db = await getDb();
  const cast = { author: await demoUser(db, "editor"), checker: await demoUser(db, "admin"), db };
  if (input.action === "create") return create(cast, input);
  if (input.action === "profile") return profile(db, input);
  const [article] = await db.select().from(articles).where(eq(articles.slug, input.slug));
  if (!article) return fail("no such article");
  switch (input.action) {
    case "publish":
      return step(cast.db, cast.checker, { articleId: article.id, action: "publish" });
    case "unpublish":
      return step(cast.db, cast.checker, { articleId: article.id, action: "unpublish", comment: "Retiré par le test." });
    case "schedule":
      return step(cast.db, cast.checker, { articleId: article.id, action: "schedule", scheduledAt: TOMORROW() });
    case "decorate":
      return decorate(cast, article, input.value);
    case "rename":
      return rename(db, article, input.value);
    default:
      return fail("unknown action", 400);
  }
}

export async function demoUser(db: Db, key: "editor" | "admin"): Promise<PolicyUser> {
  const [u] = await db
    .select()
    .from(users)
    .where(eq(users.email, `${key}@newsroom.test`));
  return { id: u.id, role: u.role, active: true };
}

async function step(db: Db, actor: PolicyUser, req: TransitionRequest): Promise<Response> {
  const outcome = await runTransition(db, actor, req);
  return outcome.ok ? Response.json({ ok: true }) : fail(outcome.message, 409);
}

/**
 * An article of the spec's own (headline = value), so seeded articles keep their states for other
 * specs: published (default), or left "approved" / "scheduled" for the spec to move.
 */
async function create({ author, checker, db }: Cast, input: Input): Promise<Response> {
  const created = await createArticle(db, {
    createdById: author.id,
    headline: input.value ?? "",
    slug: input.slug,
    dek: `${input.value} — dek`,
    language: "fr",
    sectionId: (await db.select().from(sections).where(eq(sections.slug, "economie")))[0]?.id ?? null,
    tags: input.tags ?? ["#CybersécuritéFrançaise"],
    body: docFromParagraphs([`${input.value} — corps du texte.`]),
  });
  const state = input.state ?? "published";
  const path: [PolicyUser, WorkflowAction][] = [
    [author, "submit"],
    [checker, "approve"],
  ];
  if (state === "published") path.push([checker, "publish"]);
  if (state === "scheduled") path.push([checker, "schedule"]);
  for (const [actor, action] of path) {
    const outcome = await runTransition(db, actor, { articleId: created.id, action, scheduledAt: action === "schedule" ? TOMORROW() : undefined });
    if (!outcome.ok) return fail(`${action}: ${outcome.message}`, 409);
  }
  expirePublicSite();
  return Response.json({ ok: true, slug: created.slug });
}

/** A featured image saved by the editor, then the update published with a correction note. */
async function decorate({ author, checker, db }: Cast, article: Article, correction?: string): Promise<Response> {
  const png = await sharp({ create: { width: 1200, height: 700, channels: 3, background: { r: 40, g: 70, b: 110 } } })
    .png()
    .toBuffer();
  const stored = await storeImage({ size: png.length, arrayBuffer: async () => png.buffer.slice(png.byteOffset, png.byteOffset + png.length) as ArrayBuffer });
  if (!stored.ok) return fail(stored.error, 500);
  const featuredImage = {
    src: stored.url,
    alt: "Le hall d’accueil d’un hôpital, écrans éteints",
    caption: "Un hôpital touché, en novembre.",
    credit: "Newsroom",
  };
  const saved = await saveArticle(db, author, { id: article.id, expectedVersion: article.version, changes: { featuredImage } });
  if (!saved.ok) return fail(saved.message, 409);
  const outcome = await runTransition(db, checker, {
    articleId: article.id,
    action: "publish",
    correction: correction ?? "Le nombre d’hôpitaux touchés a été corrigé.",
  });
  return outcome.ok ? Response.json({ ok: true, src: stored.url }) : fail(outcome.message, 409);
}

/**
 * A published article under a new slug, its old one kept as a redirect. The editor refuses a slug
 * change after the first publication, yet the public site still answers old slugs it holds: no
 * domain step produces one, hence the direct write.
 */
async function rename(db: Db, article: Article, slug?: string): Promise<Response> {
  if (!slug) return fail("no new slug", 400);
  await db.transaction(async (tx) => {
    await tx.insert(slugRedirects).values({ oldSlug: article.slug, articleId: article.id });
    await tx.update(articles).set({ slug }).where(eq(articles.id, article.id));
  });
  expirePublicSite();
  return Response.json({ ok: true });
}

/** The author's own job title, saved through the profile form's domain function. */
async function profile(db: Db, input: Input): Promise<Response> {
  const [row] = await db.select().from(authorProfiles).where(eq(authorProfiles.slug, input.slug));
  if (!row) return fail("no such profile");
  const [u] = await db.select().from(users).where(eq(users.id, row.userId));
  const current = (await getAuthorProfile({ db, userId: row.userId }))!;
  const saved = await updateProfile(
    db,
    { id: u.id, role: u.role, active: true },
    {
      userId: u.id,
      profile: {
        displayName: current.displayName,
        slug: current.slug,
        jobTitle: input.value ?? "",
        location: current.location,
        bio: current.bio,
        bioLanguage: current.bioLanguage,
        links: current.links,
      },
    },
  );
  if (!saved.ok) return fail(saved.message, 409);
  expirePublicSite();
  return Response.json({ ok: true });
}
