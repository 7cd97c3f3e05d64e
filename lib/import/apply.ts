import "server-only";

import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { decodeHTML } from "entities";

import { isAllowedImageSrc } from "@/components/editor/extensions";
import type { Db, Tx } from "@/db";
import { replaceArticleAuthors } from "@/db/queries/article-people";
import { getArticleById, updateArticle } from "@/db/queries/articles";
import { getImportSource, getSectionBySlug, insertImportedSection, nextSectionPosition, upsertImportSource, upsertLegacyRedirect } from "@/db/queries/import";
import { getTagByIdentity } from "@/db/queries/tags";
import { getUserByEmail, getUserById, insertUser, updateUser } from "@/db/queries/users";
import { articles, events, importSources, legacyRedirects, type FeaturedImage } from "@/db/schema";
import { addContributors, createArticle, cutRevision, makeLive, setArticleTags } from "@/lib/articles/store";
import { BIO_MAX, isWebUrl, MAX_LINKS } from "@/lib/profiles/validation";
import { bodyText } from "@/lib/rich-text/body";
import { slugify } from "@/lib/slug";
import { tagSlug } from "@/lib/taxonomy/tags";

import { decodeURIComponentSafe, htmlToDoc, imageSources } from "./html-to-tiptap";
import { UploadsFolder } from "./images";
import { own, type ImportAuthor, type ImportPost, type ImportSourceName, type ImportTerm, type LegacyArchive } from "./model";
import { legacyPathKey } from "./permalinks";
import { ImportReport, type PostNote } from "./report";

export type ImporterOptions = {
  source: ImportSourceName;
  dryRun?: boolean;
  /** The old site's uploads folder (WordPress wp-content/uploads). */
  uploadsDir?: string | null;
  batchSize?: number;
  authors?: ReadonlyMap<string, ImportAuthor>;
  now?: () => Date;
  onProgress?: (done: number) => void;
};

const HEADLINE_MAX = 300;
const DEK_MAX = 500;
const IMPORTED_STATUSES: readonly string[] = ["publish", "future", "draft", "pending"];
const UNKNOWN_AUTHOR: ImportAuthor = { key: "__unknown__", email: null, name: "Unknown author" };
/** Thrown inside a dry run's transaction so that everything it did is rolled back. */
const ROLLBACK = Symbol("dry-run rollback");

/**
 * Text for a plain field (headline, dek, a tag's or section's name) from the source's HTML:
 * without tags, every character reference decoded (WordPress writes `&#8211;`, `&#8220;`,
 * `&laquo;` and `&amp;` in titles, excerpts and term names), spaces collapsed. WordPress's
 * `&#039;` is the typographic apostrophe its pages showed.
 */
function plain(html: string): string {
  return (
    decodeHTML(html.replace(/<[^>]*>/g, " ").replace(/&#0*39;/g, "’"))
      // Runs of ASCII white space only: a no-break space before « : » or inside « » is French typography.
      .replace(/[ \t\n\r\f]+/g, " ")
      .trim()
  );
}

/** The author's public profile as the source gave it, within the profile form's limits (lib/profiles/validation.ts). */
function profileOf(author: ImportAuthor): { bio?: string; location?: string; links?: { label: string; url: string }[] } {
  const p = author.profile;
  if (!p) return {};
  const links = (p.links ?? [])
    .map((l) => ({ label: clip(l.label.trim() || "Website", 60), url: l.url.trim() }))
    .filter((l) => l.url.length <= 500 && isWebUrl(l.url))
    .slice(0, MAX_LINKS);
  const bio = p.bio?.trim() ?? "";
  return {
    ...(bio
      ? {
          bio:
            [...bio].length <= BIO_MAX
              ? bio
              : `${[...bio]
                  .slice(0, BIO_MAX - 1)
                  .join("")
                  .trimEnd()}…`,
        }
      : {}),
    ...(p.location?.trim() ? { location: clip(p.location.trim(), 120) } : {}),
    ...(links.length ? { links } : {}),
  };
}

/** The text's first words, at most `max` characters, cut at a word with "…". */
function firstWords(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** Batch-local state: merged into the importer only once the batch has committed. */
type BatchState = {
  report: ImportReport;
  users: Map<string, string>;
  sections: Map<string, number>;
  /** This batch's posts already imported by an earlier run (and still there): GUID → article and content hash. */
  known: Map<string, { targetId: string; contentHash: string }>;
  /** Rows written together at the end of the batch, in its transaction (by key: the last one wins, as one upsert after another did). */
  redirects: Map<string, string>;
  sources: Map<string, { targetId: string; contentHash: string }>;
  events: (typeof events.$inferInsert)[];
};
/** Rows per multi-row insert. */
const ROWS_PER_INSERT = 500;

/**
 * Writes normalised posts (from any source) into the newsroom, one transaction per batch:
 * a crash leaves whole batches only, and the next run carries on where the last committed
 * batch ended (every imported item is in import_sources with the hash of its content, so it is
 * skipped when unchanged, updated when changed, never duplicated).
 */
export class Importer {
  readonly report = new ImportReport();
  private readonly users = new Map<string, string>();
  private readonly sections = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly uploads: UploadsFolder;
  private done = 0;

  constructor(
    private readonly db: Db,
    private readonly opts: ImporterOptions,
  ) {
    this.uploads = new UploadsFolder(opts.uploadsDir ?? null, opts.source, Boolean(opts.dryRun));
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private pending: ImportPost[] = [];

  /** Queues posts; every full batch is written in its own transaction. */
  async add(posts: Iterable<ImportPost>): Promise<void> {
    const size = this.opts.batchSize ?? 50;
    const list = [...posts];
    // Their images start uploading now, while the batches before them are written.
    await this.uploads.prefetch(
      this.db,
      list.filter((p) => IMPORTED_STATUSES.includes(p.status)).flatMap((p) => [...imageSources(p.html), ...(p.featuredImage ? [p.featuredImage.src] : [])]),
    );
    for (const post of list) {
      this.pending.push(post);
      if (this.pending.length >= size) await this.applyBatch(this.pending.splice(0));
    }
  }

  /** Writes what is left in the queue. */
  async flush(): Promise<void> {
    if (this.pending.length) await this.applyBatch(this.pending.splice(0));
  }

  /**
   * Category and tag archives of the old site → 308 to the section or tag page, when there is one:
   * a term no imported post used (WordPress lists every term, its default category included) has
   * no page here, and a redirect to a 404 is worse than the 404.
   */
  async importArchives(archives: LegacyArchive[]): Promise<void> {
    await this.inTransaction(async (tx, state) => {
      for (const a of archives) {
        const key = legacyPathKey(a.path);
        if (!key) continue;
        const section = a.kind === "section" ? this.sectionSlug(a) : null;
        let target: string | null = section && (await getSectionBySlug({ db: tx, slug: section })) ? `/sections/${section}` : null;
        if (!target) {
          // The tag the name became (a term's name comes with its character references undecoded).
          const tag = await getTagByIdentity({ db: tx, slug: tagSlug(plain(a.name)) });
          target = tag ? `/tags/${tag.slug}` : null;
        }
        if (!target) continue;
        await upsertLegacyRedirect({ db: tx, path: key, target });
        state.report.redirects++;
      }
    });
  }

  private async inTransaction(work: (tx: Tx, state: BatchState) => Promise<void>): Promise<void> {
    const state: BatchState = {
      report: new ImportReport(),
      users: new Map(),
      sections: new Map(),
      known: new Map(),
      redirects: new Map(),
      sources: new Map(),
      events: [],
    };
    try {
      await this.db.transaction(async (tx) => {
        await work(tx, state);
        await this.writeBatchRows(tx, state);
        if (this.opts.dryRun) throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) {
        this.uploads.abort();
        throw error;
      }
    }
    // A dry run keeps nothing between batches: the next one sees the database as it is.
    if (this.opts.dryRun) this.uploads.reset();
    else {
      for (const [k, v] of state.users) this.users.set(k, v);
      for (const [k, v] of state.sections) this.sections.set(k, v);
    }
    merge(this.report, state.report);
  }

  private async applyBatch(posts: ImportPost[]): Promise<void> {
    await this.inTransaction(async (tx, state) => {
      await this.findKnownPosts(tx, posts, state);
      for (const post of posts) {
        await this.applyPost(tx, post, state);
        // Back to the event loop between posts. V8 keeps every WeakRef target alive until the
        // current job ends, and happy-dom holds each converted document's nodes that way; a batch
        // of in-process PGlite queries never left its job, so a batch of 200 KB bodies kept ~14 MB
        // a post alive until it committed (and ran out of a 256 MB heap).
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    this.done += posts.length;
    this.opts.onProgress?.(this.done);
  }

  private async applyPost(tx: Tx, post: ImportPost, state: BatchState): Promise<void> {
    const { report } = state;
    const title = plain(post.title) || post.slug || post.label;
    if (this.seen.has(post.externalId)) return report.skip(post.label, title, `duplicate GUID ${post.externalId} (the first one was imported)`);
    this.seen.add(own(post.externalId));
    if (!IMPORTED_STATUSES.includes(post.status)) {
      return report.skip(post.label, title, `status "${post.status}" is not imported`);
    }
    const notes: string[] = [...(post.notes ?? [])];

    // Images first (uploads happen outside the transaction's rollback; they are content-addressed by path).
    const images = new Map<string, string>();
    const wanted = [...imageSources(post.html), ...(post.featuredImage ? [post.featuredImage.src] : [])];
    for (const src of wanted) {
      const got = await this.uploads.resolve(tx, src);
      if (got && "url" in got) {
        images.set(src, got.url);
        report.uploadedImages++;
      } else if (got) notes.push(got.problem);
    }
    const converted = htmlToDoc(post.html, images);
    const featured = this.featured(post, images, notes);
    const hash = createHash("sha256")
      .update(JSON.stringify({ ...post, date: post.date?.toISOString() ?? null, modified: null, legacyPaths: post.legacyPaths, doc: converted.doc, featured }))
      .digest("hex");

    const known = state.known.get(post.externalId);
    const existing = known?.targetId ?? null;
    if (existing && known?.contentHash === hash) {
      report.unchanged++;
      return;
    }

    const authorIds: string[] = [];
    for (const k of post.authorKeys.length ? post.authorKeys : [UNKNOWN_AUTHOR.key]) {
      const id = await this.ensureUser(tx, k, state);
      if (!authorIds.includes(id)) authorIds.push(id);
    }
    if (!post.authorKeys.length) notes.push("no author: bylined to “Unknown author”");
    const sectionId = post.categories[0] ? await this.ensureSection(tx, post.categories[0], state) : null;
    const tags = [...post.categories.slice(1).map((c) => c.name), ...post.tags].map(plain).filter(Boolean);
    let headline = clip(plain(post.title), HEADLINE_MAX);
    if (!headline) {
      // An untitled post (a WordPress "aside" or brief): a headline is required to publish, and an
      // empty one is an empty link on every list. The first words of the text stand in.
      headline = firstWords(bodyText(converted.doc), 80) || clip(plain(post.excerpt), 80) || `Untitled (${post.label})`;
      notes.push(`no title in the source: headline “${headline}” taken from the text`);
    }
    const dek = clip(plain(post.excerpt), DEK_MAX);
    const wantedSlug = slugify(decodeURIComponentSafe(post.slug)) || slugify(headline) || `post-${post.label}`;

    let articleId: string;
    /** What applyStatus needs of the article as it stands before its status is applied. */
    let standing: { status: string; submittedAt: Date | null };
    if (existing) {
      articleId = existing;
      const before = await getArticleById({ db: tx, id: articleId });
      if (!before) throw new Error(`Article ${articleId} vanished during the import`);
      standing = before;
      await updateArticle({
        db: tx,
        id: articleId,
        set: {
          headline,
          dek,
          body: converted.doc,
          sectionId,
          featuredImage: featured,
          language: post.language ?? before?.language,
          version: (before?.version ?? 0) + 1,
          updatedAt: this.now(),
          ...(before?.firstPublishedAt ? {} : { slug: wantedSlug }),
        },
      });
      await setArticleTags(tx, articleId, tags);
      await replaceArticleAuthors({ db: tx, articleId, userIds: authorIds });
      await addContributors(tx, articleId, authorIds);
      report.updated++;
    } else {
      const created = await createArticle(tx, {
        createdById: authorIds[0],
        headline,
        dek,
        sectionId,
        body: converted.doc,
        tags,
        authorIds,
        slug: wantedSlug,
        language: post.language,
      });
      articleId = created.id;
      standing = created;
      await updateArticle({ db: tx, id: articleId, set: { featuredImage: featured, createdAt: post.date ?? this.now() } });
      report.created++;
    }

    await this.applyStatus(tx, articleId, standing, post, notes);
    if (post.status === "publish") {
      const [after] = await tx.select({ slug: articles.slug }).from(articles).where(eq(articles.id, articleId));
      if (after && after.slug !== wantedSlug) notes.push(`slug “${wantedSlug}” was taken: published as “${after.slug}”`);
    }
    for (const p of post.legacyPaths) {
      const path = legacyPathKey(p);
      if (!path) continue;
      state.redirects.set(path, articleId);
      report.redirects++;
    }
    state.sources.set(post.externalId, { targetId: articleId, contentHash: hash });
    state.events.push({
      type: "article.imported",
      articleId,
      data: { source: this.opts.source, externalId: post.externalId, updated: Boolean(existing) },
    });

    report.externalImages += converted.images.length + (featured && featured.src.startsWith("https:") ? 1 : 0);
    if (converted.images.length) notes.push(`kept as external images: ${converted.images.join(", ")}`);
    if (converted.dropped.length) report.note("dropped", post.label, title, converted.dropped);
    if (notes.length) report.note("warnings", post.label, title, notes);
  }

  private featured(post: ImportPost, images: Map<string, string>, notes: string[]): FeaturedImage | null {
    if (!post.featuredImage) return null;
    const src = images.get(post.featuredImage.src) ?? post.featuredImage.src;
    if (!isAllowedImageSrc(src)) {
      notes.push(`featured image ${post.featuredImage.src} left out (not https and not in the uploads folder)`);
      return null;
    }
    // Alt text and caption as text (WordPress writes an attachment's caption with `&rsquo;`).
    const caption = plain(post.featuredImage.caption ?? "");
    const alt = plain(post.featuredImage.alt) || caption || plain(post.title) || "Image";
    return { src, alt: clip(alt, 500), ...(caption ? { caption: clip(caption, 1000) } : {}) };
  }

  private async applyStatus(
    tx: Tx,
    articleId: string,
    article: { status: string; submittedAt: Date | null },
    post: ImportPost,
    notes: string[],
  ): Promise<void> {
    const published = article.status === "published";
    switch (post.status) {
      case "publish":
        // A re-import of a changed post publishes the change; the first publication date stays.
        // First published at the source's date; last updated at its modification date, when later.
        if (published) await makeLive(tx, articleId, { actorId: null, now: post.modified ?? this.now() });
        else {
          const first = post.date ?? this.now();
          const updated = post.modified && post.modified > first ? post.modified : first;
          await makeLive(tx, articleId, { actorId: null, now: updated, firstPublishedAt: first });
        }
        return;
      case "future":
        if (published) return void notes.push("scheduled in the source but already published here: left published");
        await cutRevision(tx, articleId, { reason: "schedule", actorId: null, note: "Imported as scheduled" });
        await updateArticle({
          db: tx,
          id: articleId,
          set: { status: "scheduled", scheduledAt: post.date ?? this.now(), submittedAt: article.submittedAt ?? this.now() },
        });
        return;
      case "pending":
        if (published) return void notes.push("pending in the source but published here: left published");
        await cutRevision(tx, articleId, { reason: "submit", actorId: null });
        await updateArticle({ db: tx, id: articleId, set: { status: "in_review", submittedAt: article.submittedAt ?? this.now() } });
        return;
      default:
        if (published) notes.push("a draft in the source but published here: left published");
    }
  }

  /** One look-up for the batch: which of its posts an earlier run imported, with the article still there. */
  private async findKnownPosts(tx: Tx, posts: ImportPost[], state: BatchState): Promise<void> {
    const ids = [...new Set(posts.map((p) => p.externalId))];
    for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) {
      const rows = await tx
        .select({ externalId: importSources.externalId, targetId: importSources.targetId, contentHash: importSources.contentHash })
        .from(importSources)
        .where(
          and(eq(importSources.source, this.opts.source), eq(importSources.kind, "post"), inArray(importSources.externalId, ids.slice(i, i + ROWS_PER_INSERT))),
        );
      const uuids = rows.map((r) => r.targetId).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      const alive = new Set(uuids.length ? (await tx.select({ id: articles.id }).from(articles).where(inArray(articles.id, uuids))).map((a) => a.id) : []);
      for (const r of rows) if (alive.has(r.targetId)) state.known.set(r.externalId, { targetId: r.targetId, contentHash: r.contentHash });
    }
  }

  /** The batch's redirects, import_sources rows (its resumable cursor) and events, a few statements for the whole batch. */
  private async writeBatchRows(tx: Tx, state: BatchState): Promise<void> {
    const chunks = <T>(list: T[]) =>
      Array.from({ length: Math.ceil(list.length / ROWS_PER_INSERT) }, (_, i) => list.slice(i * ROWS_PER_INSERT, (i + 1) * ROWS_PER_INSERT));
    for (const rows of chunks([...state.redirects].map(([path, articleId]) => ({ path, articleId, target: null })))) {
      await tx
        .insert(legacyRedirects)
        .values(rows)
        .onConflictDoUpdate({ target: legacyRedirects.path, set: { articleId: sql`excluded.article_id`, target: sql`excluded.target` } });
    }
    const now = new Date();
    const sources = [...state.sources].map(([externalId, s]) => ({ source: this.opts.source, kind: "post" as const, externalId, ...s }));
    for (const rows of chunks(sources)) {
      await tx
        .insert(importSources)
        .values(rows)
        .onConflictDoUpdate({
          target: [importSources.source, importSources.kind, importSources.externalId],
          set: { targetId: sql`excluded.target_id`, contentHash: sql`excluded.content_hash`, updatedAt: now },
        });
    }
    for (const rows of chunks(state.events)) await tx.insert(events).values(rows);
  }

  private async ensureUser(tx: Tx, key: string, state: BatchState): Promise<string> {
    const cached = state.users.get(key) ?? this.users.get(key);
    if (cached) return cached;
    const given = this.opts.authors?.get(key) ?? (key === UNKNOWN_AUTHOR.key ? UNKNOWN_AUTHOR : { key, email: null, name: key });
    // A display name as the source wrote it ("Jeanne Lef&egrave;vre" in a WXR): as readers see it.
    const author = { ...given, name: plain(given.name) };
    const sourceKey = { source: this.opts.source, kind: "user" as const, externalId: key };
    const known = await getImportSource({ db: tx, key: sourceKey });
    let id = known && (await getUserById({ db: tx, id: known.targetId })) ? known.targetId : null;
    if (!id) {
      const email = author.email?.trim() || `${slugify(key) || "author"}@import.invalid`;
      const match = await getUserByEmail({ db: tx, email });
      if (match) {
        id = match.id;
        state.report.usersMatched.push(`${author.name} <${email}>`);
      } else {
        const user = await insertUser({ db: tx, email, name: author.name.trim() || key, role: "journalist", passwordHash: null, profile: profileOf(author) });
        await updateUser({ db: tx, id: user.id, set: { active: false } });
        id = user.id;
        state.report.usersCreated.push(`${author.name} <${email}>`);
      }
      await upsertImportSource({ db: tx, key: sourceKey, targetId: id, contentHash: "" });
    }
    state.users.set(key, id);
    return id;
  }

  private sectionSlug(term: ImportTerm): string {
    return slugify(decodeURIComponentSafe(term.slug)) || slugify(term.name) || "section";
  }

  private async ensureSection(tx: Tx, term: ImportTerm, state: BatchState): Promise<number> {
    const slug = this.sectionSlug(term);
    const cached = state.sections.get(slug) ?? this.sections.get(slug);
    if (cached) return cached;
    let row = await getSectionBySlug({ db: tx, slug });
    if (!row) {
      row = await insertImportedSection({ db: tx, name: clip(plain(term.name) || slug, 80), slug, position: await nextSectionPosition({ db: tx }) });
      state.report.sectionsCreated.push(row.name);
    }
    state.sections.set(slug, row.id);
    return row.id;
  }
}

function merge(into: ImportReport, from: ImportReport): void {
  into.created += from.created;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.redirects += from.redirects;
  into.externalImages += from.externalImages;
  into.uploadedImages += from.uploadedImages;
  const lists = ["skipped", "dropped", "warnings", "usersCreated", "usersMatched", "sectionsCreated"] as const;
  for (const l of lists) (into[l] as (string | PostNote)[]).push(...from[l]);
}
