import { sql } from "drizzle-orm";

import { getDb, queryRows } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Text columns people type into (table, column); JSON columns give every string inside them. */
const TEXT = [
  ["articles", "headline"],
  ["articles", "dek"],
  ["articles", "slug"],
  ["article_revisions", "headline"],
  ["article_revisions", "dek"],
  ["article_revisions", "note"],
  ["corrections", "note"],
  ["comments", "body"],
  ["inline_comments", "body"],
  ["inline_comments", "quote"],
  ["events", "comment"],
  ["users", "name"],
  ["users", "email"],
  ["author_profiles", "display_name"],
  ["author_profiles", "job_title"],
  ["author_profiles", "bio"],
  ["author_profiles", "location"],
  ["author_profiles", "slug"],
  ["sections", "name"],
  ["sections", "slug"],
  ["tags", "name"],
  ["tags", "slug"],
  ["api_keys", "name"],
  ["api_keys", "prefix"],
  ["webhook_endpoints", "url"],
  ["checklist_items", "label"],
  ["slug_redirects", "old_slug"],
  ["legacy_redirects", "path"],
] as const;
const JSON_COLUMNS = [
  ["articles", "highlights"],
  ["articles", "body"],
  ["articles", "featured_image"],
  ["articles", "seo"],
  ["article_revisions", "highlights"],
  ["article_revisions", "body"],
  ["article_revisions", "featured_image"],
  ["article_revisions", "seo"],
  ["author_profiles", "links"],
  ["site_settings", "value"],
] as const;

/**
 * TEST ONLY (E2E_TEST_HOOKS=1, for an admin): every string people typed into the database —
 * headlines, bodies, names, e-mails, tags, sections, comments, settings. The pseudo-locale check
 * (e2e/i18n-pseudo.spec.ts) strips them from a page's text before looking for words that did not
 * come from the catalogue. The Tiptap documents' strings include their node types ("paragraph"),
 * which no page shows as text; short ones are dropped by the spec.
 */
export async function GET(): Promise<Response> {
  if (process.env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  const user = await getCurrentUser();
  if (user?.role !== "admin") return Response.json({ ok: false }, { status: 403 });
  const parts = [
    ...TEXT.map(([t, c]) => sql`select ${sql.identifier(c)}::text as s from ${sql.identifier(t)}`),
    ...JSON_COLUMNS.map(
      ([t, c]) =>
        sql`select v #>> '{}' as s from ${sql.identifier(t)}, jsonb_path_query(${sql.identifier(c)}::jsonb, 'strict $.**') as v where jsonb_typeof(v) = 'string'`,
    ),
  ];
  const rows = await queryRows<{ s: string | null }>(
    await getDb(),
    sql`select distinct s from (${sql.join(parts, sql` union all `)}) x where s is not null and s <> ''`,
  );
  return Response.json({ strings: rows.map((r) => r.s) });
}
