import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

import { ARTICLE_STATUSES } from "@/lib/workflow/article-workflow";

import { sections } from "./taxonomy";
import { users } from "./users";

export const articleStatus = pgEnum("article_status", ARTICLE_STATUSES);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Tiptap document JSON ({ type: "doc", content: [...] }). Validated on the server before it is stored. */
export type TiptapDoc = { type: "doc"; content?: unknown[] };
export type FeaturedImage = { src: string; alt: string; credit?: string; caption?: string };
export type TagSnapshot = { id: number; name: string; slug: string };
/**
 * Search and social fields; each empty one falls back to the headline, dek or featured image
 * where it is emitted. Part of every revision, so they are reviewed and published like the text.
 */
export type SeoFields = {
  seoTitle?: string;
  metaDescription?: string;
  socialTitle?: string;
  socialDescription?: string;
  socialImage?: { src: string; alt: string } | null;
  /** For syndicated pieces: the original's address (http or https only). */
  canonicalUrl?: string;
};

/**
 * The article row is the working copy (what the editor edits). What readers see is the
 * revision named by publishedRevisionId, so edits after publication stay invisible until
 * they are published in turn.
 */
export const articles = pgTable(
  "articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: articleStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    slug: text("slug").notNull(),
    language: text("language").notNull().default("fr"),
    sectionId: integer("section_id").references(() => sections.id, { onDelete: "set null" }),
    headline: text("headline").notNull().default(""),
    dek: text("dek").notNull().default(""),
    highlights: jsonb("highlights").$type<string[]>().notNull().default([]),
    body: jsonb("body").$type<TiptapDoc>().notNull().default({ type: "doc", content: [] }),
    featuredImage: jsonb("featured_image").$type<FeaturedImage | null>(),
    seo: jsonb("seo").$type<SeoFields>().notNull().default({}),
    // Before this instant nobody may publish the article, by any path (the scheduler included).
    embargoUntil: timestamp("embargo_until", { withTimezone: true }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    publishedRevisionId: integer("published_revision_id"),
    // The live revision's section, copied by makeLive (like published_article_tags for tags) so
    // that section lists and counts are served by an index instead of a join with every revision.
    publishedSectionId: integer("published_section_id").references((): AnyPgColumn => sections.id, { onDelete: "set null" }),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }),
    // dateModified for readers: the time the live revision last changed.
    publishedUpdatedAt: timestamp("published_updated_at", { withTimezone: true }),
    // True when the working copy differs from the live revision of a published article.
    hasUnpublishedChanges: boolean("has_unpublished_changes").notNull().default(false),
    // Idempotent saves: the editor's id of the save that produced lastSaveVersion. A save whose
    // answer was lost (connection closed after COMMIT) is retried with the same id and the same
    // expected version; finding it here at the current version means it landed: not a conflict.
    lastSaveId: uuid("last_save_id"),
    lastSaveVersion: integer("last_save_version"),
    searchVector: tsvector("search_vector"),
  },
  (t) => [
    // A slug is reserved once the article is first published (its public URL). Working copies may
    // share one until then, so a journalist's slug never tells them that someone else's unpublished
    // piece exists; the first publication picks a free one (makeLive).
    uniqueIndex("articles_slug_idx")
      .on(t.slug)
      .where(sql`${t.firstPublishedAt} is not null`),
    index("articles_slug_lookup_idx").on(t.slug),
    index("articles_status_idx").on(t.status),
    index("articles_queue_idx").on(t.status, t.submittedAt),
    index("articles_scheduled_idx")
      .on(t.scheduledAt)
      .where(sql`${t.status} = 'scheduled'`),
    index("articles_published_idx")
      .on(t.firstPublishedAt)
      .where(sql`${t.status} = 'published'`),
    // The dashboards' lists (lib/workflow/dashboard.ts): "Recently published" by update time and
    // every per-status list by last edit, without sorting all rows of a status (bench, 50,000 articles).
    index("articles_published_updated_idx")
      .on(t.publishedUpdatedAt)
      .where(sql`${t.status} = 'published'`),
    index("articles_status_updated_idx").on(t.status, t.updatedAt),
    index("articles_search_idx").using("gin", t.searchVector),
    // Section pages and the front page's section blocks: newest first within a section. Covering
    // (every articles column those lists read, predicate = publishedOnly) so that the planner
    // prefers it to walking all articles by date, which a small section made cost the whole
    // table; a section's count is an index-only scan too.
    index("articles_published_section_idx")
      .on(t.publishedSectionId, t.firstPublishedAt, t.id, t.publishedRevisionId, t.publishedUpdatedAt, t.slug)
      .where(sql`${t.status} = 'published' and ${t.publishedRevisionId} is not null`),
  ],
);

/** Cut revisions never change: no code path updates them (a trigger refuses it). */
export const articleRevisions = pgTable(
  "article_revisions",
  {
    id: serial("id").primaryKey(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    reason: text("reason").notNull(),
    note: text("note"),
    articleVersion: integer("article_version").notNull(),
    headline: text("headline").notNull(),
    dek: text("dek").notNull(),
    highlights: jsonb("highlights").$type<string[]>().notNull(),
    body: jsonb("body").$type<TiptapDoc>().notNull(),
    bodyHtml: text("body_html").notNull(),
    tags: jsonb("tags").$type<TagSnapshot[]>().notNull(),
    sectionId: integer("section_id"),
    language: text("language").notNull(),
    featuredImage: jsonb("featured_image").$type<FeaturedImage | null>(),
    seo: jsonb("seo").$type<SeoFields>().notNull().default({}),
    // The byline of this revision, in order (null on revisions cut before bylines were versioned).
    authorIds: jsonb("author_ids").$type<string[] | null>(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("article_revisions_number_idx").on(t.articleId, t.number)],
);

export const corrections = pgTable(
  "corrections",
  {
    id: serial("id").primaryKey(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    revisionId: integer("revision_id").references(() => articleRevisions.id),
    note: text("note").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("corrections_article_idx").on(t.articleId, t.createdAt)],
);
