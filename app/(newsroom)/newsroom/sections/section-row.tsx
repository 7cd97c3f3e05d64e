"use client";

import { useEffect, useRef } from "react";
import type { TaxonomyFormState } from "@/lib/taxonomy/form-state";
import { useAnnouncedAction } from "../tags/announcer";
import { deleteSectionAction, moveSectionAction, renameSectionAction } from "./actions";

export type SectionRowProps = {
  section: { id: number; name: string; slug: string; articles: number };
  first: boolean;
  last: boolean;
};

const button = "rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-50";

export function SectionRow({ section, first, last }: SectionRowProps) {
  const [renameState, rename, renaming] = useAnnouncedAction(renameSectionAction, {});
  const [moveState, move, moving] = useAnnouncedAction(moveSectionAction, {});
  const [deleteState, remove, deleting] = useAnnouncedAction(deleteSectionAction, {});
  const lastMove = useRef<"up" | "down" | null>(null);
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  // The row moves in the DOM, which drops focus: give it back so keyboard users can keep moving it.
  useEffect(() => {
    if (!moveState.ok || !lastMove.current) return;
    const target = lastMove.current === "up" ? (first ? down : up) : last ? up : down;
    target.current?.focus();
  }, [moveState, first, last]);
  const nameId = `section-name-${section.id}`;
  const errors = renameState.ok ? undefined : renameState.fieldErrors?.name;
  return (
    <tr className="border-b border-neutral-200 align-top dark:border-neutral-800">
      <td className="py-2 pr-3">
        <form action={rename} noValidate className="flex flex-wrap items-start gap-2">
          <input type="hidden" name="id" value={section.id} />
          <label htmlFor={nameId} className="sr-only">
            Name of section {section.name}
          </label>
          <input
            id={nameId}
            name="name"
            key={`${section.name}-${renameState.ok}`}
            defaultValue={renameState.ok === false ? renameState.values?.name : section.name}
            autoComplete="off"
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? `${nameId}-error` : undefined}
            className="w-48 rounded border border-neutral-500 bg-transparent px-2 py-1 aria-[invalid=true]:border-red-700"
          />
          <button type="submit" disabled={renaming} className={button}>
            Rename<span className="sr-only"> {section.name}</span>
          </button>
        </form>
        {errors && (
          <p id={`${nameId}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.join(" ")}
          </p>
        )}
      </td>
      <td className="py-2 pr-3">
        <a href={`/sections/${section.slug}`} className="underline">
          /sections/{section.slug}
        </a>
      </td>
      <td className="py-2 pr-3 tabular-nums">{section.articles}</td>
      <td className="py-2">
        <div className="flex flex-wrap gap-2">
          <form action={move} onSubmit={() => (lastMove.current = "up")}>
            <input type="hidden" name="id" value={section.id} />
            <input type="hidden" name="direction" value="up" />
            <button ref={up} type="submit" disabled={first || moving} className={button} >
              Move up<span className="sr-only"> {section.name}</span>
            </button>
          </form>
          <form action={move} onSubmit={() => (lastMove.current = "down")}>
            <input type="hidden" name="id" value={section.id} />
            <input type="hidden" name="direction" value="down" />
            <button ref={down} type="submit" disabled={last || moving} className={button} >
              Move down<span className="sr-only"> {section.name}</span>
            </button>
          </form>
          <form action={remove}>
            <input type="hidden" name="id" value={section.id} />
            <button type="submit" disabled={deleting} className={button} >
              Delete<span className="sr-only"> {section.name}</span>
            </button>
          </form>
        </div>
      </td>
    </tr>
  );
}
