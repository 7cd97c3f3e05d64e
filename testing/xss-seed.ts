import "server-only";

import { eq, inArray } from "drizzle-orm";
import sharp from "sharp";

import type { Db } from "@/db";
import { articles, articleTags, sections, tags, users, type SeoFields } from "@/db/schema";
import { saveArticle } from "@/lib/articles/editing";
import { saveVersion } from "@/lib/articles/revisions";
import { createArticle } from "@/lib/articles/store";
import { storeImage } from "@/lib/images/upload";
import type { PolicyUser } from "@/lib/permissions";
import { updateProfile } from "@/lib/profiles/profile";
import { createUser } from "@/lib/users/manage";
import { consumeToken } from "@/lib/users/tokens";
import { tagKey } from "@/lib/validations/article";
import { addComment } from "@/lib/workflow/comments";
import { runTransition } from "@/lib/workflow/transitions";

/**
 * Test-only (stored-XSS check): writes a corpus of hostile strings into every user-controlled
 * field through the same domain functions the server actions call, so everything is validated
 * exactly like real input. What validation refuses is counted as refused (that is a pass).
 * Payloads are packed into each field up to its length limit, so every payload reaches every
 * field without one article per payload.
 */
export type FieldTally = { sent: number; stored: number; refused: number; errors: number; notes: string[] };
export type XssSeedReport = {
  fields: Record<string, FieldTally>;
  articles: { id: string; slug: string; status: string; headline: string; seo?: SeoFields | null }[];
  authorSlugs: string[];
  tagSlugs: string[];
  login: { email: string; password: string };
};

export const XSS_PASSWORD = "xss-corpus-pass-0123";
const noop = () => {};

/** Greedy packing of payloads into strings of at most `max` characters (one payload that is too long stands alone and will be refused by the field's limit). */
export function pack(payloads: readonly string[], max: number, sep = " | "): string[][] {
  const groups: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const p of payloads) {
    const add = (cur.length ? sep.length : 0) + p.length;
    if (cur.length && len + add > max) {
      groups.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(p);
    len += cur.length === 1 ? p.length : add;
  }
  if (cur.length) groups.push(cur);
  return groups;
}

export async function seedXssCorpus(db: Db, payloads: readonly string[], crafted: (src: string) => { name: string; doc: unknown }[]): Promise<XssSeedReport> {
  const fields: Record<string, FieldTally> = {};
  const tally = (field: string, count: number, ok: boolean, note?: string) => {
    const t = (fields[field] ??= { sent: 0, stored: 0, refused: 0, errors: 0, notes: [] });
    t.sent += count;
    if (ok) t.stored += count;
    else t.refused += count;
    if (note && t.notes.length < 8) t.notes.push(note);
  };
  const byEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];
  const admin = await byEmail("admin@newsroom.test");
  const editor = await byEmail("editor@newsroom.test");
  const asPolicy = (u: { id: string; role: PolicyUser["role"]; active: boolean }): PolicyUser => ({ id: u.id, role: u.role, active: u.active });

  // One real upload for the images (featured and in-body), as the editor's upload does.
  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 90, g: 20, b: 20 } } })
    .png()
    .toBuffer();
  const img = await storeImage({ size: png.length, arrayBuffer: async () => png.buffer.slice(png.byteOffset, png.byteOffset + png.length) as ArrayBuffer });
  if (!img.ok) throw new Error(img.error);

  // Authors: as many as the shortest profile fields need (display name, job title, location: 120).
  const nameGroups = pack(payloads, 120);
  const bioGroups = pack(payloads, 2000, "\n");
  const labelGroups = pack(payloads, 60);
  const authors: PolicyUser[] = [];
  const authorSlugs: string[] = [];
  for (let i = 0; i < nameGroups.length; i++) {
    const name = nameGroups[i].join(" | ");
    const created = await createUser(db, asPolicy(admin), { name, email: `xss-${i}@newsroom.test`, role: "journalist" });
    tally("user name", nameGroups[i].length, created.ok, created.ok ? undefined : created.message);
    const email = `xss-${i}@newsroom.test`;
    if (!created.ok) continue;
    if (i === 0) await consumeToken(db, created.data.token, XSS_PASSWORD);
    const u = asPolicy(await byEmail(email));
    authors.push(u);
    const links = labelGroups.slice(i * 8, i * 8 + 8).map((g, k) => ({ label: g.join(" | "), url: `https://example.org/${k}?q="><script>__xss()</script>` }));
    const profile = {
      displayName: name,
      slug: `xss ${i} ${nameGroups[i][0]}`,
      jobTitle: name,
      location: name,
      bio: bioGroups[i] ? bioGroups[i].join("\n") : "",
      bioLanguage: "fr",
      links,
    };
    // Links apart: a label over its limit must not take the other fields down with it.
    const r = await updateProfile(db, u, { userId: u.id, profile: { ...profile, links: [] } });
    const n = nameGroups[i].length;
    for (const f of ["profile display name", "profile job title", "profile location"]) tally(f, n, r.ok, r.ok ? undefined : r.message);
    if (bioGroups[i]) tally("profile bio", bioGroups[i].length, r.ok, r.ok ? undefined : r.message);
    if (!r.ok) continue;
    authorSlugs.push(r.data.slug);
    for (const l of links) {
      const withLink = await updateProfile(db, u, { userId: u.id, profile: { ...profile, slug: r.data.slug, links: [l] } });
      tally("profile link labels", l.label.split(" | ").length, withLink.ok, withLink.ok ? undefined : withLink.message);
    }
  }
  // Profile links whose address is itself a payload: only http(s) addresses are accepted.
  for (const p of payloads) {
    const r = await updateProfile(db, authors[0], {
      userId: authors[0].id,
      profile: {
        displayName: nameGroups[0].join(" | "),
        slug: authorSlugs[0],
        jobTitle: "",
        location: "",
        bio: bioGroups[0].join("\n"),
        bioLanguage: "fr",
        links: [{ label: "x", url: p }],
      },
    });
    tally("profile link url", 1, r.ok);
  }

  // Articles: enough for the headline (200), the featured image's alt and caption (300) and one crafted body each.
  const bodies = crafted(img.url);
  const headlineGroups = pack(payloads, 200);
  const dekGroups = pack(payloads, 300);
  const altGroups = pack(payloads, 300);
  const creditGroups = pack(payloads, 200);
  // The search and social fields (lib/validations/article.ts LIMITS), the social image's alt like the featured one's.
  const seoTitleGroups = pack(payloads, 200);
  const metaGroups = pack(payloads, 400);
  const highlightGroups = pack(payloads, 280).reduce<string[][][]>((acc, g, i) => ((acc[Math.floor(i / 12)] ??= []).push(g), acc), []);
  // Shortest first, so the groups under the tag limit are saved at once and only the last ones go tag by tag.
  const tagGroups = [...payloads].sort((x, y) => x.length - y.length).reduce<string[][]>((acc, p, i) => ((acc[Math.floor(i / 25)] ??= []).push(p), acc), []);
  const count = Math.max(headlineGroups.length, dekGroups.length, altGroups.length, bodies.length + 1, authors.length / 2);
  const [section] = await db.select().from(sections).limit(1);
  const out: XssSeedReport["articles"] = [];
  const textBody = {
    type: "doc",
    content: [
      ...payloads.map((t) => ({ type: "paragraph", content: [{ type: "text", text: t }] })),
      ...payloads.slice(0, 40).map((t) => ({
        type: "paragraph",
        content: [{ type: "text", text: t, marks: [{ type: "link", attrs: { href: `https://example.org/?${encodeURIComponent(t)}` } }, { type: "bold" }] }],
      })),
      ...altGroups.map((g) => ({ type: "image", attrs: { src: img.url, alt: g.join(" | "), caption: g.join(" | "), credit: g.join(" | ").slice(0, 200) } })),
    ],
  };
  // Social texts take the groups in the other order, so each article's social card differs from its search result.
  const at = <T>(groups: T[], i: number) => groups[i % groups.length];
  const seoFor = (i: number) => ({
    seoTitle: at(seoTitleGroups, i).join(" | "),
    metaDescription: at(metaGroups, i).join(" | "),
    socialTitle: at(seoTitleGroups, seoTitleGroups.length - 1 - (i % seoTitleGroups.length)).join(" | "),
    socialDescription: at(metaGroups, metaGroups.length - 1 - (i % metaGroups.length)).join(" | "),
    socialImage: { src: img.url, alt: at(altGroups, altGroups.length - 1 - (i % altGroups.length)).join(" | ") },
    canonicalUrl: i % 2 ? "" : `https://example.org/syndicated/${i}?from="><script>__xss()</script>&'onmouseover='__xss()`,
  });
  const seoCount = Math.max(seoTitleGroups.length, metaGroups.length, altGroups.length);
  for (let i = 0; i < count; i++) {
    const a = authors[(2 * i) % authors.length];
    const b = authors[(2 * i + 1) % authors.length];
    const draft = await createArticle(db, { createdById: a.id, language: "fr" });
    const base = {
      headline: (headlineGroups[i] ?? headlineGroups[i % headlineGroups.length]).join(" | "),
      dek: (dekGroups[i] ?? dekGroups[i % dekGroups.length]).join(" | "),
      slug: `xss corpus ${i}`,
      slugAuto: true,
      sectionId: section?.id ?? null,
      authorIds: a.id === b.id ? [a.id] : [a.id, b.id],
      featuredImage: {
        src: img.url,
        alt: (altGroups[i] ?? altGroups[i % altGroups.length]).join(" | "),
        caption: (altGroups[i] ?? altGroups[i % altGroups.length]).join(" | "),
        credit: (creditGroups[i] ?? creditGroups[i % creditGroups.length]).join(" | "),
      },
      highlights: (highlightGroups[i] ?? []).map((g) => g.join(" | ")),
      body: textBody,
      seo: seoFor(i),
    };
    let r = await saveArticle(db, a, { id: draft.id, expectedVersion: draft.version, changes: base });
    if (!r.ok) throw new Error(`xss seed: base save refused: ${r.message} ${JSON.stringify((r as { fieldErrors?: unknown }).fieldErrors)}`);
    let version = r.version;
    if (headlineGroups[i]) tally("headline", headlineGroups[i].length, true);
    if (dekGroups[i]) tally("dek", dekGroups[i].length, true);
    if (altGroups[i]) {
      tally("featured image alt", altGroups[i].length, true);
      tally("featured image caption", altGroups[i].length, true);
    }
    if (creditGroups[i]) tally("featured image credit", creditGroups[i].length, true);
    for (const g of highlightGroups[i] ?? []) tally("key points", g.length, true);
    if (i < seoCount) {
      const seo = seoFor(i);
      if (seoTitleGroups[i]) tally("SEO title", seoTitleGroups[i].length, true);
      if (metaGroups[i]) tally("meta description", metaGroups[i].length, true);
      for (const [field, groups] of [
        ["social title", seoTitleGroups],
        ["social description", metaGroups],
        ["social image alt", altGroups],
      ] as const) {
        if (i < groups.length) tally(field, groups[groups.length - 1 - i].length, true);
      }
      if (seo.canonicalUrl) tally("canonical URL (address with payload characters)", 1, true);
    }
    if (i === 0) {
      // Each payload as the canonical URL itself: only http(s) addresses are taken; then back to the base one.
      for (const p of payloads) {
        r = await saveArticle(db, a, { id: draft.id, expectedVersion: version, changes: { seo: { ...seoFor(0), canonicalUrl: p } } });
        tally("canonical URL", 1, r.ok);
        if (r.ok) version = r.version;
      }
      r = await saveArticle(db, a, { id: draft.id, expectedVersion: version, changes: { seo: seoFor(0) } });
      if (r.ok) version = r.version;
    }
    if (i === 0) {
      tally("body text", payloads.length, true);
      tally("body link text", 40, true);
      tally("body image alt/caption/credit", payloads.length, true);
    }
    // Tags: one save per tag, so a tag that a limit refuses does not hide the others; then all accepted ones.
    const accepted: string[] = [];
    const all = await saveArticle(db, a, { id: draft.id, expectedVersion: version, changes: { tags: tagGroups[i] ?? [] } });
    if (all.ok) {
      version = all.version;
      accepted.push(...(tagGroups[i] ?? []));
      for (const tag of tagGroups[i] ?? []) tally("tags", 1, Boolean(tagKey(tag)), tagKey(tag) ? undefined : "dropped: no letters or digits");
    }
    for (const tag of all.ok ? [] : (tagGroups[i] ?? [])) {
      r = await saveArticle(db, a, { id: draft.id, expectedVersion: version, changes: { tags: [tag] } });
      if (r.ok) {
        version = r.version;
        accepted.push(tag);
      }
      tally("tags", 1, r.ok && Boolean(tagKey(tag)), r.ok ? (tagKey(tag) ? undefined : "dropped: no letters or digits") : r.message);
    }
    r = await saveArticle(db, a, { id: draft.id, expectedVersion: version, changes: { tags: [...accepted, "xss corpus"] } });
    if (r.ok) version = r.version;
    // A crafted Tiptap document, sent as the editor's save would send it.
    const crafted = bodies[i - 1];
    if (crafted) {
      r = await saveArticle(db, a, { id: draft.id, expectedVersion: version, changes: { body: crafted.doc } });
      tally("body crafted JSON", 1, r.ok, r.ok ? `stored: ${crafted.name}` : undefined);
      if (r.ok) version = r.version;
    }
    // Half go all the way to publication; the rest stay in the newsroom (in review or draft).
    const submit = await runTransition(db, a, { articleId: draft.id, action: "submit" }, { revalidate: noop });
    if (i % 4 !== 3 && submit.ok) await runTransition(db, asPolicy(editor), { articleId: draft.id, action: "publish" }, { revalidate: noop });
    const [row] = await db
      .select({ slug: articles.slug, status: articles.status, headline: articles.headline })
      .from(articles)
      .where(eq(articles.id, draft.id));
    out.push({ id: draft.id, ...row });
  }

  const ed = asPolicy(editor);
  const first = out[0];
  // Correction notes (1,000 characters): a change by the editor, then "publish an update" with the note.
  for (const g of pack(payloads, 1000)) {
    const [cur] = await db.select({ version: articles.version, headline: articles.headline }).from(articles).where(eq(articles.id, first.id));
    await saveArticle(db, ed, { id: first.id, expectedVersion: cur.version, changes: { dek: g.join(" | ").slice(0, 300) } });
    const r = await runTransition(db, ed, { articleId: first.id, action: "publish", correction: g.join(" | ") }, { revalidate: noop });
    tally("correction notes", g.length, r.ok, r.ok ? undefined : r.message);
  }
  // Version notes (500) shown in the history.
  for (const g of pack(payloads, 500)) {
    const r = await saveVersion(db, ed, { articleId: first.id, note: g.join(" | ") });
    tally("version notes", g.length, r.ok);
  }
  // Comments, one payload each: written by an author (notifies editors who spoke) and the editor (notifies the authors).
  for (const [k, p] of payloads.entries()) {
    const r = await addComment(db, k % 2 ? ed : authors[0], { articleId: first.id, body: p });
    tally("comments", 1, r.ok, r.ok ? undefined : r.message);
  }
  // Request-changes comment on one article left in review.
  const inReview = out.find((a) => a.status === "in_review");
  if (inReview) {
    const r = await runTransition(
      db,
      ed,
      { articleId: inReview.id, action: "request_changes", comment: payloads.join("\n").slice(0, 5000) },
      { revalidate: noop },
    );
    tally("request-changes comment", 1, r.ok, r.ok ? undefined : r.message);
  }
  const final = await db
    .select({ id: articles.id, slug: articles.slug, status: articles.status, headline: articles.headline, seo: articles.seo })
    .from(articles)
    .where(
      inArray(
        articles.id,
        out.map((a) => a.id),
      ),
    );
  const tagRows = await db
    .selectDistinct({ slug: tags.slug })
    .from(tags)
    .innerJoin(articleTags, eq(articleTags.tagId, tags.id))
    .where(
      inArray(
        articleTags.articleId,
        out.map((a) => a.id),
      ),
    );
  return {
    fields,
    articles: out.map((a) => final.find((f) => f.id === a.id)!),
    authorSlugs,
    tagSlugs: tagRows.map((r) => r.slug),
    login: { email: "xss-0@newsroom.test", password: XSS_PASSWORD },
  };
}

/** Pushes the corpus articles to the end of every list (dated 2001) so later specs see the newsroom as before. */
export async function retireXssCorpus(db: Db, ids: string[]) {
  if (!ids.length) return;
  const old = new Date("2001-01-01T00:00:00Z");
  await db.update(articles).set({ firstPublishedAt: old, publishedUpdatedAt: old, updatedAt: old, createdAt: old }).where(inArray(articles.id, ids));
}
