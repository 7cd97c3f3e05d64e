import Link from "next/link";

import { Picture } from "@/components/public/picture";
import { langAttr } from "@/lib/i18n/dictionaries";

export type AuthorCardProps = {
  author: { slug: string; displayName: string; jobTitle: string; bio: string; bioLanguage: string; photoPath: string | null };
  photoAlt: string;
};

/** The bio is written in its own language, which may differ from the article's. */
export function AuthorCard({ author, photoAlt }: AuthorCardProps) {
  return (
    <div className="flex gap-4">
      {author.photoPath && (
        <Picture src={author.photoPath} alt={photoAlt} sizes="64px" width={64} height={64} className="size-16 shrink-0 rounded-full object-cover" />
      )}
      <div>
        <h3 className="font-semibold">
          <Link prefetch={false} href={`/authors/${author.slug}`} className="underline underline-offset-2">
            {author.displayName}
          </Link>
          {author.jobTitle && <span className="font-normal text-neutral-700 dark:text-neutral-300"> — {author.jobTitle}</span>}
        </h3>
        {author.bio && <Bio text={author.bio} language={author.bioLanguage} className="mt-1 text-neutral-700 dark:text-neutral-300" />}
      </div>
    </div>
  );
}

/** Plain text with blank-line paragraphs, as the profile editor stores it. */
export function Bio({ text, language, className = "" }: { text: string; language: string; className?: string }) {
  return (
    <div lang={langAttr(language)} className={`space-y-2 ${className}`}>
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}
