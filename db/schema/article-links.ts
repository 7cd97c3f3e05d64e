import { index, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";
import { tags } from "./taxonomy";
import { users } from "./users";

/**
 * The tables that tie an article to a person or a tag share the same two columns and the same
 * composite key: one definition each, so a new link table cannot drift from the others. A removed
 * article takes its links with it; whether a user can be deleted while linked differs per table.
 */
function articleUserColumns(onUserDelete: "cascade" | "restrict") {
  return {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: onUserDelete }),
  };
}

function articleTagColumns() {
  return {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  };
}

/** The working byline, in order: it decides who may open the article in the newsroom. */
export const articleAuthors = pgTable("article_authors", { ...articleUserColumns("restrict"), position: integer("position").notNull() }, (t) => [
  primaryKey({ columns: [t.articleId, t.userId] }),
  index("article_authors_user_idx").on(t.userId, t.articleId),
]);

/**
 * The byline of the live revision, rewritten by makeLive (like published_article_tags): public
 * pages, author pages, feeds, JSON-LD and sitemaps read this. article_authors is the working
 * byline, which decides who may open the article in the newsroom.
 */
export const publishedArticleAuthors = pgTable(
  "published_article_authors",
  { ...articleUserColumns("restrict"), position: integer("position").notNull() },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] }), index("published_article_authors_user_idx").on(t.userId, t.articleId)],
);

/**
 * Everyone who wrote, edited or was on the byline of the working copy since it last went live:
 * the two-person rule refuses approval or publication by any of them.
 * makeLive empties it; saves, restores and byline changes add to it.
 */
export const articleContributors = pgTable(
  "article_contributors",
  { ...articleUserColumns("cascade"), createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow() },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);

/** Who has the article open in the editor, and when their page last said so. */
export const presence = pgTable(
  "presence",
  { ...articleUserColumns("cascade"), lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow() },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);

/** The working copy's tags, in the order typed. */
export const articleTags = pgTable("article_tags", articleTagColumns(), (t) => [
  primaryKey({ columns: [t.articleId, t.tagId] }),
  index("article_tags_tag_idx").on(t.tagId),
]);

/** Tags of the live revision, rewritten on publish: tag pages and related articles read this. */
export const publishedArticleTags = pgTable("published_article_tags", articleTagColumns(), (t) => [
  primaryKey({ columns: [t.articleId, t.tagId] }),
  index("published_article_tags_tag_idx").on(t.tagId, t.articleId),
]);
