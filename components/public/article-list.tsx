import type { Dictionary } from "@/lib/i18n/dictionaries";

import { ArticleCard, type CardData } from "./article-card";
import { Pagination } from "./pagination";

export type ArticleListProps = {
  dict: Dictionary;
  articles: CardData[];
  page: number;
  total: number;
  pageSize: number;
  basePath: string;
  headingLevel?: "h2" | "h3";
};

export function ArticleList({ dict, articles, page, total, pageSize, basePath, headingLevel = "h2" }: ArticleListProps) {
  if (articles.length === 0) return <p className="text-neutral-700 dark:text-neutral-300">{dict.noArticles}</p>;
  return (
    <>
      <ul className="grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
        {articles.map((a) => (
          <li key={a.id}>
            <ArticleCard article={a} headingLevel={headingLevel} />
          </li>
        ))}
      </ul>
      <Pagination dict={dict} basePath={basePath} page={page} pages={Math.max(1, Math.ceil(total / pageSize))} />
    </>
  );
}
