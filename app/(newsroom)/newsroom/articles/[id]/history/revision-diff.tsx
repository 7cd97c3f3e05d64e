import { getTranslations } from "next-intl/server";

import type { DiffPart } from "@/lib/articles/revisions";
import { newsroomLocale } from "@/lib/i18n/interface";

/** Insertions and deletions marked with <ins> and <del>, with a text cue for colour-blind readers. */
export async function RevisionDiff({ title, parts }: { title: string; parts: DiffPart[] }) {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "articles.history" });
  const inserted = parts.filter((p) => p.kind === "ins").length;
  const deleted = parts.filter((p) => p.kind === "del").length;
  return (
    <div className="mt-4">
      <h3 className="font-semibold">{title}</h3>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{t("counts", { inserted, deleted })}</p>
      <div
        data-testid="revision-diff"
        className="mt-2 whitespace-pre-wrap rounded border border-neutral-300 p-3 font-serif leading-relaxed dark:border-neutral-700"
      >
        {parts.map((p, i) =>
          p.kind === "ins" ? (
            <ins key={i} className="bg-green-100 text-green-950 underline dark:bg-green-900 dark:text-green-50">
              {p.text}
            </ins>
          ) : p.kind === "del" ? (
            <del key={i} className="bg-red-100 text-red-950 line-through dark:bg-red-900 dark:text-red-50">
              {p.text}
            </del>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </div>
    </div>
  );
}
