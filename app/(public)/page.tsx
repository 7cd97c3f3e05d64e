import { connection } from "next/server";
import { getDb } from "@/db";
import { listPublishedArticles } from "@/db/queries/public";
import { ArticleCard } from "@/components/public/article-card";
import { siteDictionary } from "@/lib/i18n/site";

export default async function FrontPage() {
  await connection();
  const db = await getDb();
  const dict = siteDictionary();
  const [lead, ...rest] = await listPublishedArticles({ db, limit: 21 });
  if (!lead) return <p>{dict.noArticles}</p>;
  return (
    <div className="space-y-10">
      <section aria-labelledby="lead-heading">
        <h1 id="lead-heading" className="sr-only">
          {dict.latest}
        </h1>
        <ArticleCard article={lead} lead headingLevel="h2" />
      </section>
      {rest.length > 0 && (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="mb-4 font-serif text-2xl font-bold">
            {dict.moreNews}
          </h2>
          <div className="grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
            {rest.map((a) => (
              <ArticleCard key={a.id} article={a} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
