"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

import { useAnnouncedAction } from "../tags/announcer";
import { rowButton as button, InlineFieldForm } from "../tags/inline-field";
import { deleteSectionAction, moveSectionAction, renameSectionAction } from "./actions";

export type SectionRowProps = {
  section: { id: number; name: string; slug: string; articles: number };
  first: boolean;
  last: boolean;
};

export function SectionRow({ section, first, last }: SectionRowProps) {
  const t = useTranslations("taxonomy.sections");
  const publicPath = `/sections/${section.slug}`;
  const [renameState, rename, renaming] = useAnnouncedAction(renameSectionAction);
  const [moveState, move, moving] = useAnnouncedAction(moveSectionAction);
  const [, remove, deleting] = useAnnouncedAction(deleteSectionAction);
  const lastMove = useRef<"up" | "down" | null>(null);
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  // The row moves in the DOM, which drops focus: give it back so keyboard users can keep moving it.
  useEffect(() => {
    if (!moveState?.ok || !lastMove.current) return;
    const target = lastMove.current === "up" ? (first ? down : up) : last ? up : down;
    target.current?.focus();
  }, [moveState, first, last]);
  return (
    <tr className="border-b border-neutral-200 align-top dark:border-neutral-800">
      <td className="py-2 pr-3">
        <InlineFieldForm
          id={`section-name-${section.id}`}
          rowId={section.id}
          name="name"
          label={t("nameOf", { name: section.name })}
          state={renameState}
          action={rename}
          pending={renaming}
          current={section.name}
          inputClassName="w-48"
          button={
            <>
              {t("rename")}
              <span className="sr-only"> {section.name}</span>
            </>
          }
        />
      </td>
      <td className="py-2 pr-3">
        <a href={publicPath} className="underline">
          {publicPath}
        </a>
      </td>
      <td className="py-2 pr-3 tabular-nums">{section.articles}</td>
      <td className="py-2">
        <div className="flex flex-wrap gap-2">
          {(["up", "down"] as const).map((direction) => (
            <form key={direction} action={move} onSubmit={() => (lastMove.current = direction)}>
              <input type="hidden" name="id" value={section.id} />
              <input type="hidden" name="direction" value={direction} />
              <button ref={direction === "up" ? up : down} type="submit" disabled={(direction === "up" ? first : last) || moving} className={button}>
                {direction === "up" ? t("moveUp") : t("moveDown")}
                <span className="sr-only"> {section.name}</span>
              </button>
            </form>
          ))}
          <form action={remove}>
            <input type="hidden" name="id" value={section.id} />
            <button type="submit" disabled={deleting} className={button}>
              {t("delete")}
              <span className="sr-only"> {section.name}</span>
            </button>
          </form>
        </div>
      </td>
    </tr>
  );
}
