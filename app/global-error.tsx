"use client";

import { errorWords } from "@/lib/i18n/error-words";

export default function GlobalError({ retry }: { error: Error; retry: () => void }) {
  return (
    <html lang="fr">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}>
        <main>
          <h1>{errorWords.title}</h1>
          <button type="button" onClick={retry}>
            {errorWords.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
