/** What every importer (WordPress, Ghost, our own JSON) reduces its source to. */
export type ImportSourceName = "wordpress" | "ghost" | "newsroom";

export type ImportAuthor = {
  key: string;
  email: string | null;
  name: string;
  /** What the source knows of the author's public profile (plain text; links http or https). */
  profile?: { bio?: string; location?: string; links?: { label: string; url: string }[] };
};
export type ImportTerm = { name: string; slug: string };

export type SourceStatus = "publish" | "future" | "draft" | "pending" | "private" | "trash" | (string & {});

export type ImportPost = {
  /** The source's stable identity (WordPress GUID, Ghost id): the idempotence key. */
  externalId: string;
  /** How the source numbers it, for the report (WordPress post id). */
  label: string;
  title: string;
  slug: string;
  status: SourceStatus;
  html: string;
  excerpt: string;
  language?: string;
  /** Publication (or scheduled) date, UTC. */
  date: Date | null;
  modified: Date | null;
  authorKeys: string[];
  /** The first one becomes the section. */
  categories: ImportTerm[];
  tags: string[];
  featuredImage: { src: string; alt: string; caption?: string } | null;
  /** Old addresses (path and query) that must redirect to the article. */
  legacyPaths: string[];
  /** What the importer changed or could not carry over, for the report's warnings on this post. */
  notes?: string[];
};

/** Taxonomy archives of the old site: kind decides where they redirect. */
export type LegacyArchive = { path: string; kind: "section" | "tag"; slug: string; name: string };

/**
 * A copy of a string that shares no memory with the parser's input. Strings cut from a chunk of
 * the file can be V8 "sliced strings" that keep the whole chunk (256 KB of WXR, a stream-json
 * buffer) alive as long as they live: kept in the channel (one per attachment, author, term), or
 * in what an import keeps to the end (the GUIDs seen, the report's titles), they held a chunk per
 * post, and 1,049 posts of 200 KB ran out of a 256 MB heap.
 */
export const own = (s: string): string => (s ? Buffer.from(s, "utf8").toString("utf8") : "");
