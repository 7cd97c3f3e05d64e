"use client";

export default function GlobalError({ retry }: { error: Error; retry: () => void }) {
  return (
    <html lang="fr">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}>
        <main>
          <h1>Une erreur est survenue · Something went wrong</h1>
          <button type="button" onClick={retry}>
            Réessayer · Try again
          </button>
        </main>
      </body>
    </html>
  );
}
