import type { Metadata } from "next";

import { NewsroomHeader } from "@/components/newsroom/newsroom-header";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";

import { signOutAction } from "./sign-out";

export const metadata: Metadata = { title: { default: "Newsroom", template: "%s · Newsroom" }, robots: { index: false } };

export default async function NewsroomLayout({ children }: { children: React.ReactNode }) {
  // The role gate: re-reads the user from the database on every request (deactivation is immediate).
  const user = await requireUser("/newsroom");
  return (
    <div lang="en">
      <NewsroomHeader user={user} signOut={signOutAction} locale={await newsroomLocale()} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
