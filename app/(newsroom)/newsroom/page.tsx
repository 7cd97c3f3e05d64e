import Link from "next/link";
import { getDb } from "@/db";
import { listArticlesByStatus } from "@/db/queries/articles";
import { requireUser } from "@/lib/auth/session";
import { describeStatus, ARTICLE_STATUSES } from "@/lib/workflow/article-workflow";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/newsroom");
  const db = await getDb();
  const rows = await listArticlesByStatus({ db, user, statuses: [...ARTICLE_STATUSES] });
  return (
    <div>
      <div className="flex items-center justify-between">
        <h1 className="font-serif text-3xl font-bold">Dashboard</h1>
        <Link href="/newsroom/articles/new" className="rounded bg-neutral-900 px-3 py-2 text-sm text-white dark:bg-neutral-100 dark:text-neutral-900">
          New article
        </Link>
      </div>
      <h2 className="mt-6 text-xl font-semibold">{user.role === "journalist" ? "My articles" : "All articles"}</h2>
      <ul className="mt-3 divide-y divide-neutral-200 dark:divide-neutral-800">
        {rows.map((a) => (
          <li key={a.id} className="flex justify-between gap-4 py-2">
            <Link href={`/newsroom/articles/${a.id}`} className="hover:underline">
              {a.headline || "(untitled)"}
            </Link>
            <span className="text-sm text-neutral-600 dark:text-neutral-400">{describeStatus(a.status)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
