import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { getDb } from "@/db";
import { countUnreadNotifications } from "@/db/queries/notifications";
import { newsroomLocale } from "@/lib/i18n/interface";

/** The header's way in to notifications, with the unread count read from the database. */
export async function NotificationLink({ user }: { user: { id: string; role: string } }) {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "notifications" });
  let count = 0;
  try {
    count = await countUnreadNotifications({ db: await getDb(), user });
  } catch {
    // A count is not worth a broken page: show the link without it.
  }
  return (
    // The name is the visible text plus " unread" for screen readers: "Notifications 3 unread".
    <Link prefetch={false} href="/newsroom/notifications" className="hover:underline">
      {t("title")}
      {count > 0 && (
        <>
          {" "}
          <span className="rounded-full bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{count}</span>
          <span className="sr-only">{t("unreadSuffix")}</span>
        </>
      )}
    </Link>
  );
}
