import "server-only";

import { sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";

/**
 * Everything a mutation could change, as one fingerprint per table: refused calls must leave
 * every one of them as it was. Presence (heartbeats) and sign-in attempts are bookkeeping of
 * reads and are left out.
 */
export const DIGEST_TABLES = [
  "users",
  "author_profiles",
  "user_tokens",
  "articles",
  "article_authors",
  "article_revisions",
  "article_tags",
  "published_article_tags",
  "published_article_authors",
  "article_contributors",
  "tags",
  "corrections",
  "slug_redirects",
  "media",
  "comments",
  "events",
  "notifications",
  "email_outbox",
  "site_settings",
] as const;

export async function dbDigest(db: Tx): Promise<Record<string, string>> {
  const parts = DIGEST_TABLES.map(
    (t) => `select '${t}' as name, count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as digest from ${t} x`,
  );
  const rows = await queryRows<{ name: string; digest: string }>(db, sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}
