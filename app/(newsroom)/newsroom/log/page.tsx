import Link from "next/link";
import { notFound } from "next/navigation";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listAllEvents } from "@/db/queries/timeline";
import { requireUser } from "@/lib/auth/session";
import { canGlobal } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";
import { formatInZone } from "@/lib/workflow/time-zone";
import { describeEvent } from "@/lib/workflow/timeline";

export const metadata = { title: "Activity log" };
const PAGE = 100;

export default async function ActivityLogPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const user = await requireUser("/newsroom/log");
  // Admins only; to others the page does not exist.
  if (!canGlobal(user, "events:view_all").ok) notFound();
  const before = Number((await searchParams).before) || undefined;
  const db = await getDb();
  const [rows, settings] = await Promise.all([listAllEvents({ db, before, limit: PAGE }), getSettings(db)]);
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">Activity log</h1>
      <p className="mt-1 text-sm text-neutral-700 dark:text-neutral-300">
        Every transition and permission-relevant event, newest first. The log is append-only.
      </p>
      <DataTable columns={["When", "Who", "What", "Article", "From → to", "Comment"]} caption="Events" className="mt-4">
        {rows.map((e) => (
          <tr key={e.id} className="border-b border-neutral-200 align-top dark:border-neutral-800">
            <td className="py-2 pr-3 whitespace-nowrap">
              <time dateTime={e.createdAt.toISOString()}>{formatInZone(e.createdAt, settings.timeZone)}</time>
            </td>
            <td className="py-2 pr-3">{e.actorName ?? "System"}</td>
            <td className="py-2 pr-3">{describeEvent(e)}</td>
            <td className="py-2 pr-3">
              {e.articleId ? (
                <Link href={`/newsroom/articles/${e.articleId}`} className="underline">
                  {e.headline || "(untitled)"}
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td className="py-2 pr-3 whitespace-nowrap">{e.fromStatus || e.toStatus ? `${e.fromStatus ?? "—"} → ${e.toStatus ?? "—"}` : ""}</td>
            <td className="py-2 whitespace-pre-wrap">{e.comment}</td>
          </tr>
        ))}
      </DataTable>
      {rows.length === PAGE && (
        <p className="mt-4">
          <Link href={`/newsroom/log?before=${rows[rows.length - 1].id}`} className="underline">
            Older events
          </Link>
        </p>
      )}
    </div>
  );
}
