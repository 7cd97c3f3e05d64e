import "server-only";

import { sql, type SQL } from "drizzle-orm";

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
  /** The headline with the query's words marked (MARK_START/MARK_END), read with snippetParts. */
  headlineMarked: string;
};

export type SearchResult = {
  /** Hits that can be paged through: every match, or the SEARCH_CAP most recent ones when capped. */
  total: number;
  /** More than SEARCH_CAP articles match: only the most recent SEARCH_CAP are ranked and shown ("1000+ results"). */
  capped: boolean;
  hits: SearchHit[];
};

/**
 * Relevance ranking is bounded: only the SEARCH_CAP most recent matches are ranked (and paged),
 * so a word found in nearly every article costs the same as a rare one. For a newsroom the
 * most recent matches are the ones readers look for; an old article is still found by a rarer
 * or more precise query.
 */
export const SEARCH_CAP = 1000;
/**
 * The most recent published articles are matched by walking them newest first (an index in
 * recency order, no sort): a common query finds its SEARCH_CAP most recent matches there.
 * Only when fewer match in this window does the GIN index look for older matches, and then the
 * query is rarer than SEARCH_CAP / SEARCH_WINDOW of the articles, so that bitmap is small.
 */
export const SEARCH_WINDOW = 4000;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;
const HEADLINE_WHOLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/**
 * The query as parsed by the configuration of the article's own language (`language` is its
 * column), the one its search_vector was built with. `q.any` (the three parsings together) finds
 * the candidates through the index; this decides. Without it, a word excluded with `-` was still
 * allowed by another language's parsing: `-chine` is `!chin` in French, and a French article has
 * no lexeme `chine` for the English parsing's `!chine` to refuse.
 */
const ownQuery = (language: SQL) =>
  sql`(select case when lower(${language}) like 'fr%' then q.fr when lower(${language}) like 'en%' then q.en else q.simple end from q)`;

/**
 * Full-text search over the live revisions. The query is parsed with each language's
 * configuration (French stemming for fr, accents folded by all of them) and matched against the
 * search_vector; the SEARCH_CAP most recent matches are ranked, each with its own language's query.
 * `cap` and `window` exist for tests.
 */
export async function searchPublishedArticles({
  db,
  query,
  page = 1,
  pageSize = PAGE_SIZE,
  cap = SEARCH_CAP,
  window = SEARCH_WINDOW,
}: {
  db: Tx;
  query: string;
  page?: number;
  pageSize?: number;
  cap?: number;
  window?: number;
}): Promise<SearchResult> {
  const q = normalizeSearchQuery(query);
  if (!q) return { total: 0, capped: false, hits: [] };
  const offset = (Math.max(1, Math.floor(page)) - 1) * pageSize;
  if (!Number.isSafeInteger(cap) || cap < 1 || !Number.isSafeInteger(window) || window < 1) throw new RangeError("cap and window are positive integers");
  // Literals, not parameters: a prepared statement's generic plan then still knows the limits.
  const capLit = sql.raw(String(cap));
  const capPlusOne = sql.raw(String(cap + 1));
  const windowLit = sql.raw(String(window));
  const rows = await queryRows<SearchHit & { total: number }>(
    db,
    sql`
    with q as materialized (
      select fr, en, simple, fr || en || simple as any
      from (select websearch_to_tsquery('newsroom_fr', ${q}) as fr,
                   websearch_to_tsquery('newsroom_en', ${q}) as en,
                   websearch_to_tsquery('newsroom_simple', ${q}) as simple) parsed
    ), recent as materialized (
      -- The SEARCH_WINDOW most recent published articles, newest first (articles_published_idx),
      -- tested against the query until cap + 1 match: a common query stops early, any query
      -- costs at most the window.
      select * from (
        select articles.id, articles.slug, articles.published_revision_id, articles.first_published_at,
          articles.search_vector, articles.language
        from articles
        where ${publishedOnly()}
        order by articles.first_published_at desc, articles.id desc
        limit ${windowLit}
      ) walk
      -- Scalar subqueries (evaluated once), not a join, so the walk's order is kept and it stops early.
      where (select numnode(q.any) from q) > 0 and walk.search_vector @@ (select q.any from q)
        and walk.search_vector @@ ${ownQuery(sql`walk.language`)}
      order by walk.first_published_at desc, walk.id desc
      limit ${capPlusOne}
    ), candidates as (
      select id, slug, published_revision_id, first_published_at, search_vector, language
      from recent where (select count(*) from recent) > ${capLit}
      union all
      -- Fewer matches than the cap in the whole window: the query is rare (under cap/window of
      -- the articles), so the GIN bitmap of all its matches is small. Skipped otherwise.
      (select articles.id, articles.slug, articles.published_revision_id, articles.first_published_at,
         articles.search_vector, articles.language
       from articles cross join q
       where (select count(*) from recent) <= ${capLit} and ${publishedOnly()} and articles.search_vector @@ q.any
         and articles.search_vector @@ ${ownQuery(sql`articles.language`)}
       order by articles.first_published_at desc, articles.id desc
       limit ${capPlusOne})
    ), ranked as (
      select candidates.id, candidates.slug, candidates.published_revision_id, candidates.first_published_at,
        ts_rank(candidates.search_vector,
          case when lower(candidates.language) like 'fr%' then q.fr when lower(candidates.language) like 'en%' then q.en else q.simple end) as rank,
        count(*) over () as total
      from candidates cross join q
    ), page as (
      -- Only the cap most recent candidates are shown: the one after them only tells that there are more.
      select * from (select * from ranked order by first_published_at desc, id desc limit ${capLit}) shown
      order by rank desc, first_published_at desc, id
      limit ${pageSize} offset ${offset}
    ), hits as (
      select page.*, r.headline, r.dek, r.highlights, r.language, r.body,
        case when lower(r.language) like 'fr%' then 'newsroom_fr' when lower(r.language) like 'en%' then 'newsroom_en' else 'newsroom_simple' end as cfg,
        case when lower(r.language) like 'fr%' then q.fr when lower(r.language) like 'en%' then q.en else q.simple end as query
      from page join article_revisions r on r.id = page.published_revision_id cross join q
    )
    select id, slug, headline, dek, language, first_published_at as "firstPublishedAt", rank, total,
      -- ts_headline drops anything shaped like an HTML tag: hide "<" from it (restored by snippetParts),
      -- and remove the sentinels from the text so that only ts_headline's own marks remain.
      ts_headline(cfg::regconfig,
        replace(translate(dek || ' ' || coalesce((select string_agg(h, ' ') from jsonb_array_elements_text(highlights) as h), '')
          || ' ' || coalesce((select string_agg(t #>> '{}', ' ') from jsonb_path_query(body, 'strict $.**.text') as t), ''),
          ${MARK_START + MARK_END + LT_STAND_IN}, ''), '<', ${LT_STAND_IN}),
        query, ${HEADLINE_OPTIONS}) as snippet,
      -- The headline whole, its matching words marked: a word found only there shows where it was found.
      ts_headline(cfg::regconfig, replace(translate(headline, ${MARK_START + MARK_END + LT_STAND_IN}, ''), '<', ${LT_STAND_IN}), query,
        ${HEADLINE_WHOLE_OPTIONS}) as "headlineMarked"
    from hits
    order by rank desc, "firstPublishedAt" desc, id`,
  );
  const matched = Number(rows[0]?.total ?? 0);
  return {
    total: Math.min(matched, cap),
    capped: matched > cap,
    hits: rows.map(({ total: _t, ...hit }) => ({
      ...hit,
      rank: Number(hit.rank),
      firstPublishedAt: new Date(hit.firstPublishedAt).toISOString(),
    })),
  };
}
