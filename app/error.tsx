"use client";

import { useEffect } from "react";

// Client component (Next requires it): the words are fixed here in both languages because the
// dictionary module is server-side configuration. "Try again" uses retry(), which fetches the
// server components again (reset() only re-renders what failed, so a page whose database read
// failed would fail again without asking the server).
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="font-serif text-3xl font-bold">Une erreur est survenue · Something went wrong</h1>
      <p className="mt-4">Nous n’avons pas pu afficher cette page. · We could not show this page.</p>
      {error.digest && <p className="mt-2 text-sm text-neutral-600">Réf. {error.digest}</p>}
      <button type="button" onClick={retry} className="mt-6 rounded bg-neutral-900 px-4 py-2 text-white dark:bg-neutral-100 dark:text-neutral-900">
        Réessayer · Try again
      </button>
    </main>
  );
}
