"use client";

import { useTranslations } from "next-intl";
import { memo, useState } from "react";

import type { AutosaveController } from "./autosave";
import { FieldError, inputClass } from "./fields";

type Person = { id: string; name: string };
type AuthorsFieldProps = { ctl: AutosaveController; initial: Person[]; people: Person[]; disabled: boolean; error?: string };

/** The byline, in order: the creator first, co-authors added and reordered by editors and authors. */
export const AuthorsField = memo(function AuthorsField({ ctl, initial, people, disabled, error }: AuthorsFieldProps) {
  const t = useTranslations("editor");
  const [authors, setAuthors] = useState(initial);
  const [pick, setPick] = useState("");
  const [announce, setAnnounce] = useState("");
  const commit = (next: Person[], message: string) => {
    setAuthors(next);
    ctl.set(
      "authorIds",
      next.map((a) => a.id),
    );
    setAnnounce(message);
  };
  const move = (i: number, d: -1 | 1) => {
    const next = [...authors];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    commit(next, t("authors.moved", { name: authors[i].name, n: i + d + 1 }));
  };
  const candidates = people.filter((p) => !authors.some((a) => a.id === p.id));
  const small = "rounded border border-neutral-400 px-2 py-0.5 text-xs disabled:opacity-40 dark:border-neutral-600";
  return (
    <div role="group" aria-labelledby="authors-label">
      <span id="authors-label" className="mb-1 block text-sm font-semibold">
        {t("fields.authorIds")}
      </span>
      <ol className="space-y-1">
        {authors.map((a, i) => (
          <li key={a.id} className="flex items-center gap-1 text-sm">
            <span className="flex-1">
              {i + 1}. {a.name}
            </span>
            <button
              type="button"
              className={small}
              disabled={disabled || i === 0}
              onClick={() => move(i, -1)}
              aria-label={t("authors.moveUp", { name: a.name })}
            >
              ↑
            </button>
            <button
              type="button"
              className={small}
              disabled={disabled || i === authors.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t("authors.moveDown", { name: a.name })}
            >
              ↓
            </button>
            <button
              type="button"
              className={small}
              disabled={disabled || authors.length === 1}
              onClick={() =>
                commit(
                  authors.filter((x) => x.id !== a.id),
                  t("authors.removed", { name: a.name }),
                )
              }
              aria-label={t("authors.remove", { name: a.name })}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      {candidates.length > 0 && (
        <div className="mt-1 flex gap-1">
          <label htmlFor="add-author" className="sr-only">
            {t("authors.toAdd")}
          </label>
          <select id="add-author" value={pick} disabled={disabled} onChange={(e) => setPick(e.target.value)} className={inputClass}>
            <option value="">{t("authors.choose")}</option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={small}
            disabled={disabled || !pick}
            onClick={() => {
              const person = people.find((p) => p.id === pick);
              if (person) commit([...authors, person], t("authors.addedOne", { name: person.name }));
              setPick("");
            }}
          >
            {t("authors.add")}
          </button>
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
      <FieldError id="authors-error" error={error} />
    </div>
  );
});
