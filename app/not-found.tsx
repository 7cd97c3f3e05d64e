import Link from "next/link";

import { siteDictionary } from "@/lib/i18n/site";

export default async function NotFound() {
  const dict = await siteDictionary();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="font-serif text-4xl font-bold">{dict.notFoundTitle}</h1>
      <p className="mt-4 text-neutral-700 dark:text-neutral-300">{dict.notFoundText}</p>
      <p className="mt-6">
        <Link prefetch={false} href="/" className="underline">
          {dict.backHome}
        </Link>
      </p>
    </main>
  );
}
