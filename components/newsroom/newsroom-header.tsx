import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { NotificationLink } from "@/components/notifications/notification-link";
import { NEWSROOM_NAV } from "@/config/newsroom-nav";
import type { CurrentUser } from "@/lib/auth/session";
import type { AppLocale } from "@/lib/i18n/messages";
import { canGlobal } from "@/lib/permissions";

export type NewsroomHeaderProps = { user: CurrentUser; signOut: () => Promise<void>; locale: AppLocale };

export async function NewsroomHeader({ user, signOut, locale }: NewsroomHeaderProps) {
  const t = await getTranslations({ locale, namespace: "newsroom" });
  const items = NEWSROOM_NAV.filter((item) => !item.requires || canGlobal(user, item.requires).ok);
  return (
    <header role="banner" lang={locale} className="border-b border-neutral-300 bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2 focus:text-black">
        {t("header.skipToContent")}
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link prefetch={false} href="/newsroom" className="font-serif text-xl font-bold">
          {t("header.home")}
        </Link>
        <nav aria-label={t("header.navigation")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {items.map((item) => (
              <li key={item.href}>
                <Link prefetch={false} href={item.href} className="hover:underline">
                  {t(`nav.${item.key}`)}
                </Link>
              </li>
            ))}
            <li>
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a whole page load on purpose: the public site is served from its page cache and runs without the newsroom's client code */}
              <a href="/" className="hover:underline">
                {t("header.publicSite")}
              </a>
            </li>
          </ul>
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <NotificationLink user={user} />
          <span>
            {user.name} <span className="text-neutral-600 dark:text-neutral-400">({t("header.role", { role: user.role })})</span>
          </span>
          <form action={signOut}>
            <button type="submit" className="rounded border border-neutral-400 px-2 py-1">
              {t("header.signOut")}
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
