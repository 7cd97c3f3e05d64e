"use client";

import { useEffect } from "react";

import { errorWords } from "@/lib/i18n/error-words";

// Client component (Next requires it): the words are in both languages (lib/i18n/error-words.ts),
// the page cannot ask the server for the reader's. "Try again" uses retry(), which fetches the
// server components again (reset() only re-renders what failed, so a page whose database read
// failed would fail again without asking the server).
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="font-serif text-3xl font-bold">{errorWords.title}</h1>
      <p className="mt-4">{errorWords.text}</p>
      {error.digest && <p className="mt-2 text-sm text-neutral-600">{errorWords.reference(error.digest)}</p>}
      <button type="button" onClick={retry} className="mt-6 rounded bg-neutral-900 px-4 py-2 text-white dark:bg-neutral-100 dark:text-neutral-900">
        {errorWords.retry}
      </button>
    </main>
  );
}
