import Link from "next/link";

import { siteDictionary } from "@/lib/i18n/site";

export default async function PublicNotFound() {
  const dict = await siteDictionary();
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="font-serif text-4xl font-bold">{dict.notFoundTitle}</h1>
      <p className="mt-4 text-neutral-700 dark:text-neutral-300">{dict.notFoundText}</p>
      <p className="mt-6">
        <Link href="/" className="underline underline-offset-2">
          {dict.backHome}
        </Link>
      </p>
    </div>
  );
}
