/**
 * Fast bulk seeder for scale benchmarks: N articles (default 50,000) with R revisions each
 * (default 4 → 200,000), tags, bylines and search vectors, generated inside the database with
 * generate_series so it takes seconds, not hours. Expects the demo newsroom to be seeded.
 *   tsx --conditions=react-server scripts/bench/bulk-seed.ts [articles] [revisionsPerArticle]
 */
import { sql } from "drizzle-orm";

import { openDb, queryRows, type Db } from "@/db";

const WORDS = (
  "cybersécurité souveraineté numérique hôpital attaque rançongiciel ministère enquête énergie électricité marché " +
  "industrie élection gouvernement parlement réforme budget économie entreprise startup financement port logistique " +
  "transport fret climat sécheresse agriculture santé école université recherche données intelligence artificielle " +
  "réseau opérateur satellite défense diplomatie sanctions europe chine taïwan afrique frontière justice procès police"
).split(" ");

export async function bulkSeed(db: Db, articles = 50_000, revisionsPerArticle = 4): Promise<void> {
  const words = sql.raw(`ARRAY[${WORDS.map((w) => `'${w}'`).join(",")}]`);
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from users`);
  if (!n) throw new Error("Seed the demo newsroom first (users are needed for bylines).");
  // The trigger that bumps the public cache generation would fire once per published row below
  // (migration 0005): off while seeding, one bump at the end.
  await db.execute(sql`alter table articles disable trigger articles_public_update`);
  try {
    await seedRows(db, words, articles, revisionsPerArticle);
  } finally {
    await db.execute(sql`alter table articles enable trigger articles_public_update`);
  }
  await db.execute(sql`update public_cache_state set generation = generation + 1, changed_at = now() where id = 1`);
  // VACUUM as well: autovacuum would do it soon after such a load anyway (visibility map for
  // index-only scans, no dead row versions from the updates above), so measure that steady state.
  await db.execute(sql`vacuum analyze`);
}

async function seedRows(db: Db, words: ReturnType<typeof sql.raw>, articles: number, revisionsPerArticle: number): Promise<void> {
  await db.execute(sql`
    insert into tags (name, slug)
    select 'Sujet' || i, 'sujet-' || i from generate_series(1, 500) i
    on conflict (slug) do nothing`);
  // Articles: 80 % published, the rest spread over the other states, dates over two years.
  await db.execute(sql`
    with w as (select ${words} as w)
    insert into articles (id, status, version, slug, language, section_id, headline, dek, highlights, body,
                          created_by_id, created_at, updated_at, submitted_at, first_published_at, published_updated_at)
    select gen_random_uuid(),
           (case when i % 10 < 8 then 'published' when i % 10 = 8 then 'in_review' else 'draft' end)::article_status,
           ${revisionsPerArticle}, 'bulk-article-' || i, 'fr',
           (select id from sections order by id limit 1 offset (i % 3)),
           initcap(w[1 + (i * 7) % array_length(w, 1)]) || ' : ' || w[1 + (i * 13) % array_length(w, 1)] || ' et ' || w[1 + (i * 17) % array_length(w, 1)] || ' n°' || i,
           'Chapeau de l’article ' || i || ' sur ' || w[1 + (i * 3) % array_length(w, 1)],
           '["Premier point clé", "Second point clé"]'::jsonb,
           jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content',
             jsonb_build_array(jsonb_build_object('type', 'text', 'text',
               array_to_string(array(select w[1 + ((i * k * 31) % array_length(w, 1))] from generate_series(1, 120) k), ' ')))))),
           (select id from users order by email limit 1 offset (i % 4)),
           now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval,
           case when i % 10 = 8 then now() - (i || ' minutes')::interval end,
           case when i % 10 < 8 then now() - (i || ' minutes')::interval end,
           case when i % 10 < 8 then now() - (i || ' minutes')::interval end
    from w, generate_series(1, ${articles}) i`);
  await db.execute(sql`
    insert into article_authors (article_id, user_id, position)
    select id, created_by_id, 0 from articles where slug like 'bulk-article-%'`);
  await db.execute(sql`
    insert into article_revisions (article_id, number, reason, article_version, headline, dek, highlights, body, body_html,
                                   tags, section_id, language, created_by_id, created_at)
    select a.id, r, case when r = ${revisionsPerArticle} and a.status = 'published' then 'publish' else 'submit' end, r,
           a.headline, a.dek, a.highlights, a.body,
           '<p>' || (a.body #>> '{content,0,content,0,text}') || '</p>',
           jsonb_build_array(
             jsonb_build_object('id', t1.id, 'name', t1.name, 'slug', t1.slug),
             jsonb_build_object('id', t2.id, 'name', t2.name, 'slug', t2.slug)),
           a.section_id, a.language, a.created_by_id, a.created_at
    from articles a
    cross join generate_series(1, ${revisionsPerArticle}) r
    join tags t1 on t1.slug = 'sujet-' || (1 + abs(hashtext(a.slug)) % 500)
    join tags t2 on t2.slug = 'sujet-' || (1 + abs(hashtext(a.slug || 'b')) % 500)
    where a.slug like 'bulk-article-%'`);
  await db.execute(sql`
    update articles a set published_revision_id = r.id, published_section_id = r.section_id
    from article_revisions r
    where r.article_id = a.id and r.number = ${revisionsPerArticle} and a.status = 'published' and a.slug like 'bulk-article-%'`);
  await db.execute(sql`
    insert into published_article_tags (article_id, tag_id, position)
    select r.article_id, (t.value->>'id')::int, (t.ordinality - 1)::int
    from articles a join article_revisions r on r.id = a.published_revision_id
    cross join lateral jsonb_array_elements(r.tags) with ordinality t
    where a.slug like 'bulk-article-%'
    on conflict do nothing`);
  await db.execute(sql`
    insert into published_article_authors (article_id, user_id, position)
    select a.id, a.created_by_id, 0 from articles a
    where a.published_revision_id is not null and a.slug like 'bulk-article-%'
    on conflict do nothing`);
  await db.execute(sql`
    update articles set search_vector =
      setweight(to_tsvector('newsroom_fr', headline), 'A') || setweight(to_tsvector('newsroom_fr', dek), 'B') ||
      setweight(to_tsvector('newsroom_fr', body #>> '{content,0,content,0,text}'), 'C')
    where slug like 'bulk-article-%' and status = 'published'`);
}

if (process.argv[1]?.endsWith("bulk-seed.ts")) {
  const articles = Number(process.argv[2] ?? 50_000);
  const revisions = Number(process.argv[3] ?? 4);
  const handle = await openDb();
  const started = Date.now();
  await bulkSeed(handle.db, articles, revisions);
  console.log(`Seeded ${articles} articles and ${articles * revisions} revisions in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await handle.close();
}
