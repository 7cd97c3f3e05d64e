import { eq } from "drizzle-orm";
import sharp from "sharp";
import { getDb } from "@/db";
import { articles, authorProfiles, sections, slugRedirects, users } from "@/db/schema";
import { createArticle, makeLive } from "@/lib/articles/store";
import { expirePublicSite } from "@/lib/cache/revalidate";
import { storeImage } from "@/lib/images/upload";
import { docFromParagraphs } from "@/lib/rich-text/body";

/**
 * Test-only state changes for the public e2e specs (scripts/e2e-server.mjs sets E2E_TEST_HOOKS=1;
 * anywhere else this route is 404). PGlite admits one process, so a spec cannot open the
 * database itself: it asks the server, which changes the data the way the newsroom does and then
 * calls the same revalidation helpers.
 */
export async function POST(request: Request) {
  if (process.env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  const input = (await request.json()) as { action: string; slug: string; value?: string; state?: string; tags?: string[] };
  const db = await getDb();
  const [editor] = await db.select().from(users).where(eq(users.email, "editor@newsroom.test"));
  const [article] = await db.select().from(articles).where(eq(articles.slug, input.slug));
  switch (input.action) {
    case "publish":
    case "unpublish":
    case "schedule": {
      if (!article) return Response.json({ error: "no such article" }, { status: 404 });
      if (input.action === "publish") await db.transaction((tx) => makeLive(tx, article.id, { actorId: editor.id }));
      else if (input.action === "unpublish") await db.update(articles).set({ status: "unpublished" }).where(eq(articles.id, article.id));
      else await db.update(articles).set({ status: "scheduled", scheduledAt: new Date(Date.now() + 86_400_000) }).where(eq(articles.id, article.id));
      expirePublicSite();
      return Response.json({ ok: true });
    }
    case "decorate": {
      if (!article) return Response.json({ error: "no such article" }, { status: 404 });
      const png = await sharp({ create: { width: 1200, height: 700, channels: 3, background: { r: 40, g: 70, b: 110 } } }).png().toBuffer();
      const stored = await storeImage({ size: png.length, arrayBuffer: async () => png.buffer.slice(png.byteOffset, png.byteOffset + png.length) as ArrayBuffer });
      if (!stored.ok) return Response.json({ error: stored.error }, { status: 500 });
      const featuredImage = { src: stored.url, alt: "Le hall d’accueil d’un hôpital, écrans éteints", caption: "Un hôpital touché, en novembre.", credit: "Newsroom" };
      await db.transaction(async (tx) => {
        await tx.update(articles).set({ featuredImage }).where(eq(articles.id, article.id));
        await makeLive(tx, article.id, { actorId: editor.id, correction: input.value ?? "Le nombre d’hôpitaux touchés a été corrigé." });
      });
      expirePublicSite();
      return Response.json({ ok: true, src: stored.url });
    }
    case "rename": {
      if (!article || !input.value) return Response.json({ error: "no such article" }, { status: 404 });
      await db.transaction(async (tx) => {
        await tx.insert(slugRedirects).values({ oldSlug: article.slug, articleId: article.id });
        await tx.update(articles).set({ slug: input.value! }).where(eq(articles.id, article.id));
      });
      expirePublicSite();
      return Response.json({ ok: true });
    }
    case "create": {
      // An article of the spec's own (headline = value), so seeded articles keep their states for
      // other specs: published (default), or left "approved" / "scheduled" for the spec to move.
      const state = input.state ?? "published";
      const created = await createArticle(db, {
        createdById: editor.id,
        headline: input.value ?? "",
        slug: input.slug,
        dek: `${input.value} — dek`,
        language: "fr",
        sectionId: (await db.select().from(sections).where(eq(sections.slug, "economie")))[0]?.id ?? null,
        tags: input.tags ?? ["#CybersécuritéFrançaise"],
        body: docFromParagraphs([`${input.value} — corps du texte.`]),
      });
      if (state === "published") await db.transaction((tx) => makeLive(tx, created.id, { actorId: editor.id }));
      else if (state === "scheduled") await db.update(articles).set({ status: "scheduled", scheduledAt: new Date(Date.now() + 86_400_000) }).where(eq(articles.id, created.id));
      else await db.update(articles).set({ status: "approved" }).where(eq(articles.id, created.id));
      expirePublicSite();
      return Response.json({ ok: true, slug: created.slug });
    }
    case "profile": {
      await db.update(authorProfiles).set({ jobTitle: input.value ?? "" }).where(eq(authorProfiles.slug, input.slug));
      expirePublicSite();
      return Response.json({ ok: true });
    }
    default:
      return Response.json({ error: "unknown action" }, { status: 400 });
  }
}
