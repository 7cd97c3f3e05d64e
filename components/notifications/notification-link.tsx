import Link from "next/link";
import { getDb } from "@/db";
import { unreadCount } from "@/lib/notifications/store";

/** The header's way in to notifications, with the unread count read from the database. */
export async function NotificationLink({ userId }: { userId: string }) {
  let count = 0;
  try {
    count = await unreadCount(await getDb(), userId);
  } catch {
    // A count is not worth a broken page: show the link without it.
  }
  return (
    <Link href="/newsroom/notifications" className="hover:underline" aria-label={count ? `Notifications, ${count} unread` : "Notifications"}>
      Notifications
      {count > 0 && (
        <span aria-hidden="true" className="ml-1 rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
          {count}
        </span>
      )}
    </Link>
  );
}
