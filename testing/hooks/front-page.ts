import "server-only";

import { eq } from "drizzle-orm";
import sharp from "sharp";

import { getDb } from "@/db";
import { sections } from "@/db/schema";
import { saveArticle } from "@/lib/articles/editing";
import { createArticle } from "@/lib/articles/store";
import { expirePublicSite } from "@/lib/cache/revalidate";
import { storeImage } from "@/lib/images/upload";
import type { PolicyUser } from "@/lib/permissions";
import { docFromParagraphs } from "@/lib/rich-text/body";
import type { WorkflowAction } from "@/lib/workflow/article-workflow";
import { runTransition } from "@/lib/workflow/transitions";

import { demoUser } from "./articles";

/**
 * The bad input, published the newsroom's way (the demo editor writes, the demo admin
 * approves and publishes): a 200-character headline (with a 150-letter word in its body), a 10,000-word body, Arabic (RTL), Chinese
 * and Japanese headlines, a tall and very large image, and a section with no article at all.
 * Answers the slugs made; running it twice adds nothing.
 */
export async function frontPageHook(): Promise<Response> {
  const db = await getDb();
  const author = await demoUser(db, "editor");
  const checker = await demoUser(db, "admin");
  const existing = await db.select().from(sections).where(eq(sections.slug, "rubrique-vide"));
  if (existing.length === 0) await db.insert(sections).values({ name: "Rubrique vide", slug: "rubrique-vide", position: 50 });
  const bad = await db.select().from(sections).where(eq(sections.slug, "technologie"));
  const long = "Une phrase de dix mots pour remplir tout le texte.";
  const tall = await sharp({ create: { width: 2400, height: 5200, channels: 3, background: { r: 120, g: 60, b: 30 } } })
    .png()
    .toBuffer();
  const stored = await storeImage({
    size: tall.length,
    arrayBuffer: async () => tall.buffer.slice(tall.byteOffset, tall.byteOffset + tall.length) as ArrayBuffer,
  });
  if (!stored.ok) return Response.json({ error: stored.error }, { status: 500 });
  const pieces = [
    {
      slug: "titre-de-deux-cents-caracteres",
      headline: `${"Un titre très long ".repeat(10)}`.slice(0, 200),
      language: "fr",
      paragraphs: ["Court.", `Un mot sans fin : ${"anticonstitutionnellement".repeat(6)}.`],
    },
    { slug: "dix-mille-mots", headline: "Un article de dix mille mots", language: "fr", paragraphs: Array.from({ length: 1000 }, () => long) },
    {
      slug: "maqal-bil-arabiya",
      headline: "مقال باللغة العربية عن الموانئ الأوروبية وشبكة الإنذار السيبراني المشتركة",
      language: "ar",
      paragraphs: ["تختبر الموانئ الأوروبية شبكة مشتركة للإنذار السيبراني، وفق ما أعلنته المفوضية."],
    },
    {
      slug: "zhongwen-biaoti",
      headline: "台湾半导体产业链与欧洲港口网络安全合作的最新进展报告全文",
      language: "zh",
      paragraphs: ["欧洲港口正在测试共享的网络安全警报网络。"],
    },
    {
      slug: "nihongo-midashi",
      headline: "欧州の港湾が共同のサイバー警報ネットワークを試験運用、日本企業も参加へ",
      language: "ja",
      paragraphs: ["欧州の港湾が試験運用を始めた。"],
      image: true,
    },
  ];
  const made: string[] = [];
  for (const p of pieces) {
    const created = await createArticle(db, {
      createdById: author.id,
      headline: p.headline,
      slug: p.slug,
      dek: "",
      language: p.language,
      sectionId: bad[0]?.id ?? null,
      tags: ["Mise en page"],
      body: docFromParagraphs(p.paragraphs),
    });
    if (created.slug !== p.slug) continue; // made by an earlier call
    if (p.image) {
      const featuredImage = {
        src: stored.url,
        alt: "Une image très haute, en format portrait",
        caption: "Portrait de 2400 × 5200 pixels.",
        credit: "Newsroom",
      };
      const saved = await saveArticle(db, author, { id: created.id, expectedVersion: created.version, changes: { featuredImage } });
      if (!saved.ok) return Response.json({ error: saved.message }, { status: 409 });
    }
    const path: [PolicyUser, WorkflowAction][] = [
      [author, "submit"],
      [checker, "approve"],
      [checker, "publish"],
    ];
    for (const [actor, action] of path) {
      const outcome = await runTransition(db, actor, { articleId: created.id, action });
      if (!outcome.ok) return Response.json({ error: `${action}: ${outcome.message}` }, { status: 409 });
    }
    made.push(created.slug);
  }
  expirePublicSite();
  return Response.json({ ok: true, slugs: pieces.map((p) => p.slug), made });
}
