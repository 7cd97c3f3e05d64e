import { asc } from "drizzle-orm";
import Link from "next/link";
import { getDb } from "@/db";
import { sections } from "@/db/schema";
import { SiteHeader } from "@/components/public/site-header";
import { siteDictionary } from "@/lib/i18n/site";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const db = await getDb();
  const dict = siteDictionary();
  const list = await db.select({ name: sections.name, slug: sections.slug }).from(sections).orderBy(asc(sections.position));
  return (
    <>
      <SiteHeader dict={dict} sections={list} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-neutral-300 py-6 text-center text-sm text-neutral-600 dark:border-neutral-700 dark:text-neutral-400">
        <p>{dict.footer}</p>
        <p className="mt-1">
          <Link href="/newsroom" className="underline">
            {dict.newsroom}
          </Link>
        </p>
      </footer>
    </>
  );
}
