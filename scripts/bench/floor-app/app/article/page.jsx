// An article-sized page (about 22 KB of HTML, like the bench's typical article) from constants:
// no database, no dictionary, no metadata beyond the title, rendered on every request.
import Link from "next/link";

export const dynamic = "force-dynamic";

const paragraph = (i) =>
  `Paragraphe ${i + 1} : l’attaque a visé des hôpitaux français, selon l’Agence nationale de la sécurité des systèmes d’information, qui n’a pas souhaité préciser davantage ses sources ni le calendrier de l’enquête en cours.`;
const highlights = ["Pékin dément", "Trois hôpitaux touchés", "L’ANSSI enquête", "Des données de patients exposées"];
const tags = Array.from({ length: 14 }, (_, i) => `CybersécuritéFrançaise${i + 1}`);

export default function Article() {
  return (
    <article>
      <h1>La Chine nie toute implication dans la cyberattaque contre les hôpitaux français</h1>
      <p>Pékin rejette les accusations après l’attaque qui a paralysé plusieurs établissements.</p>
      <p>
        Par{" "}
        <Link href="/authors/claire-martin" prefetch={false}>
          Claire Martin
        </Link>
        , <time dateTime="2026-11-28T09:00:00Z">28 novembre 2026</time>
      </p>
      <section aria-label="Faits saillants">
        <h2>Faits saillants</h2>
        <ul>
          {highlights.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      </section>
      {Array.from({ length: 60 }, (_, i) => (
        <p key={i}>{paragraph(i)}</p>
      ))}
      <ul>
        {tags.map((t) => (
          <li key={t}>
            <Link href={`/tags/${t.toLowerCase()}`} prefetch={false}>
              #{t}
            </Link>
          </li>
        ))}
      </ul>
    </article>
  );
}
