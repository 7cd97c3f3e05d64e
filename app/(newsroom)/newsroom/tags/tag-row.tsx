"use client";

import { useTranslations } from "next-intl";

import { deleteTagAction, mergeTagAction, mergeTagByIdAction, renameTagAction } from "./actions";
import { useAnnouncedAction } from "./announcer";
import { rowButton as button, InlineFieldForm } from "./inline-field";

export type TagRowProps = { tag: { id: number; name: string; slug: string; working: number; live: number } };

export function TagRow({ tag }: TagRowProps) {
  const t = useTranslations("taxonomy.tags");
  const [renameState, rename, renaming] = useAnnouncedAction(renameTagAction);
  const [mergeState, merge, merging] = useAnnouncedAction(mergeTagAction);
  const [, mergeOffered, mergingOffered] = useAnnouncedAction(mergeTagByIdAction);
  const [, remove, deleting] = useAnnouncedAction(deleteTagAction);
  const offer = renameState?.ok === false ? renameState.data : undefined;
  return (
    <tr className="border-b border-neutral-200 align-top dark:border-neutral-800">
      <td className="py-2 pr-3">
        <InlineFieldForm
          id={`tag-name-${tag.id}`}
          rowId={tag.id}
          name="name"
          label={t("nameOf", { name: tag.name })}
          state={renameState}
          action={rename}
          pending={renaming}
          current={tag.name}
          inputClassName="w-44"
          button={
            <>
              {t("rename")}
              <span className="sr-only"> #{tag.name}</span>
            </>
          }
          after={
            offer && (
              <form action={mergeOffered} className="mt-1">
                <input type="hidden" name="id" value={tag.id} />
                <input type="hidden" name="intoId" value={offer.id} />
                <button type="submit" disabled={mergingOffered} className={button}>
                  {t("mergeOffer", { name: tag.name, into: offer.name })}
                </button>
              </form>
            )
          }
        />
      </td>
      <td className="py-2 pr-3">
        <a href={`/tags/${tag.slug}`} className="underline">
          {tag.slug}
        </a>
      </td>
      <td className="py-2 pr-3 tabular-nums">{tag.working}</td>
      <td className="py-2 pr-3 tabular-nums">{tag.live}</td>
      <td className="py-2">
        <div className="flex flex-wrap items-start gap-2">
          <div>
            <InlineFieldForm
              id={`tag-into-${tag.id}`}
              rowId={tag.id}
              name="into"
              label={t("mergeLabel", { name: tag.name })}
              state={mergeState}
              action={merge}
              pending={merging}
              current=""
              placeholder={t("mergePlaceholder")}
              inputClassName="w-44"
              button={
                <>
                  {t("merge")}
                  <span className="sr-only"> #{tag.name}</span>
                </>
              }
            />
          </div>
          <form action={remove}>
            <input type="hidden" name="id" value={tag.id} />
            <button type="submit" disabled={deleting} className={button}>
              {t("delete")}
              <span className="sr-only"> #{tag.name}</span>
            </button>
          </form>
        </div>
      </td>
    </tr>
  );
}
