import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "@/db";
import { PAGE_SIZE, publishedOnly } from "@/db/queries/public";
import { LT_STAND_IN, MARK_END, MARK_START, normalizeSearchQuery } from "@/lib/search/query";

export type SearchHit = {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  language: string;
  firstPublishedAt: string;
  rank: number;
  snippet: string;
};

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

/**
 * Full-text search over the live revisions. The query is parsed with each language's
 * configuration (French stemming for fr, accents folded by all of them) and matched against the
 * GIN-indexed search_vector; each hit is ranked with its own language's query.
 */
export async function searchPublishedArticles({ db, query, page = 1, pageSize = PAGE_SIZE }: { db: Tx; query: string; page?: number; pageSize?: number }) {
  const q = normalizeSearchQuery(query);
  if (!q) return { total: 0, hits: [] as SearchHit[] };
  const offset = (Math.max(1, Math.floor(page)) - 1) * pageSize;
  const rows = await queryRows<SearchHit & { total: number }>(
    db,
    sql`
    with q as (
      select websearch_to_tsquery('newsroom_fr', ${q}) as fr,
             websearch_to_tsquery('newsroom_en', ${q}) as en,
             websearch_to_tsquery('newsroom_simple', ${q}) as simple
    ), ranked as (
      -- Ranks from the articles table alone (GIN-matched search_vector, the article's language)
      -- and reads the live revision only for the page of hits: joining every match's revision
      -- first made a common word cost a scan of all revisions (bench/results/latest.md).
      select articles.id, articles.slug, articles.first_published_at, articles.published_revision_id,
        ts_rank(articles.search_vector,
          case when lower(articles.language) like 'fr%' then q.fr when lower(articles.language) like 'en%' then q.en else q.simple end) as rank,
        count(*) over () as total
      from articles cross join q
      where ${publishedOnly()} and articles.search_vector @@ (q.fr || q.en || q.simple)
      order by rank desc, articles.first_published_at desc, articles.id
      limit ${pageSize} offset ${offset}
    ), hits as (
      select ranked.*, r.headline, r.dek, r.language, r.body,
        case when lower(r.language) like 'fr%' then 'newsroom_fr' when lower(r.language) like 'en%' then 'newsroom_en' else 'newsroom_simple' end as cfg,
        case when lower(r.language) like 'fr%' then q.fr when lower(r.language) like 'en%' then q.en else q.simple end as query
      from ranked join article_revisions r on r.id = ranked.published_revision_id cross join q
    )
    select id, slug, headline, dek, language, first_published_at as "firstPublishedAt", rank, total,
      ts_headline(cfg::regconfig,
        -- ts_headline drops anything shaped like an HTML tag: hide "<" from it (restored by snippetParts),
        -- and remove the sentinels from the text so that only ts_headline's own marks remain.
        replace(translate(dek || ' ' || coalesce((select string_agg(t #>> '{}', ' ') from jsonb_path_query(body, 'strict $.**.text') as t), ''),
          ${MARK_START + MARK_END + LT_STAND_IN}, ''), '<', ${LT_STAND_IN}),
        query, ${HEADLINE_OPTIONS}) as snippet
    from hits
    order by rank desc, "firstPublishedAt" desc, id`,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    hits: rows.map(({ total: _t, ...hit }) => ({
      ...hit,
      rank: Number(hit.rank),
      firstPublishedAt: new Date(hit.firstPublishedAt).toISOString(),
    })),
  };
}
