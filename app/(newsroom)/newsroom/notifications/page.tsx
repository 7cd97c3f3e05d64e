import Link from "next/link";

import { getDb } from "@/db";
import { listNotifications } from "@/db/queries/notifications";
import { requireUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings";
import { formatInZone } from "@/lib/workflow/time-zone";

import { markNotificationsReadAction } from "./actions";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser("/newsroom/notifications");
  const db = await getDb();
  const [items, settings] = await Promise.all([listNotifications({ db, userId: user.id }), getSettings(db)]);
  const unread = items.some((n) => !n.readAt);
  return (
    <div className="max-w-3xl">
      <div className="flex items-center justify-between gap-4">
        <h1 className="font-serif text-3xl font-bold">Notifications</h1>
        {unread && (
          <form action={markNotificationsReadAction}>
            <button type="submit" className="rounded border border-neutral-500 px-3 py-1.5 text-sm">
              Mark all as read
            </button>
          </form>
        )}
      </div>
      {items.length === 0 ? (
        <p className="mt-4">No notifications.</p>
      ) : (
        <ul className="mt-4 divide-y divide-neutral-200 dark:divide-neutral-800">
          {items.map((n) => (
            <li key={n.id} className="py-3">
              <p className={n.readAt ? "" : "font-semibold"}>
                {!n.readAt && <span className="sr-only">Unread: </span>}
                {n.articleId ? (
                  <Link href={`/newsroom/articles/${n.articleId}`} className="hover:underline">
                    {n.message}
                  </Link>
                ) : (
                  n.message
                )}
              </p>
              <p className="text-xs text-neutral-600 dark:text-neutral-400">
                <time dateTime={n.createdAt.toISOString()}>{formatInZone(n.createdAt, settings.timeZone)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
