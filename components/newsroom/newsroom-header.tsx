import Link from "next/link";

import { NotificationLink } from "@/components/notifications/notification-link";
import { NEWSROOM_NAV } from "@/config/newsroom-nav";
import type { CurrentUser } from "@/lib/auth/session";
import { canGlobal } from "@/lib/permissions";

export type NewsroomHeaderProps = { user: CurrentUser; signOut: () => Promise<void> };

export function NewsroomHeader({ user, signOut }: NewsroomHeaderProps) {
  const items = NEWSROOM_NAV.filter((item) => !item.requires || canGlobal(user, item.requires).ok);
  return (
    <header role="banner" className="border-b border-neutral-300 bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2 focus:text-black">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/newsroom" className="font-serif text-xl font-bold">
          Newsroom
        </Link>
        <nav aria-label="Newsroom">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="hover:underline">
                  {item.label}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/" className="hover:underline">
                Public site
              </Link>
            </li>
          </ul>
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <NotificationLink userId={user.id} />
          <span>
            {user.name} <span className="text-neutral-600 dark:text-neutral-400">({user.role})</span>
          </span>
          <form action={signOut}>
            <button type="submit" className="rounded border border-neutral-400 px-2 py-1">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
