"use client";

import type { TaxonomyFormState } from "@/lib/taxonomy/form-state";
import { useAnnouncedAction } from "./announcer";
import { deleteTagAction, mergeTagAction, mergeTagByIdAction, renameTagAction } from "./actions";

export type TagRowProps = { tag: { id: number; name: string; slug: string; working: number; live: number } };

const button = "rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-50";
const input = "w-44 rounded border border-neutral-500 bg-transparent px-2 py-1 aria-[invalid=true]:border-red-700";

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="mt-1 text-sm text-red-700 dark:text-red-400">
      {errors.join(" ")}
    </p>
  ) : null;
}

export function TagRow({ tag }: TagRowProps) {
  const [renameState, rename, renaming] = useAnnouncedAction(renameTagAction, {});
  const [mergeState, merge, merging] = useAnnouncedAction(mergeTagAction, {});
  const [offerState, mergeOffered, mergingOffered] = useAnnouncedAction(mergeTagByIdAction, {});
  const [deleteState, remove, deleting] = useAnnouncedAction(deleteTagAction, {});
  const nameId = `tag-name-${tag.id}`;
  const intoId = `tag-into-${tag.id}`;
  const renameErrors = renameState.ok ? undefined : renameState.fieldErrors?.name;
  const mergeErrors = mergeState.ok ? undefined : mergeState.fieldErrors?.into;
  const offer = renameState.ok === false ? renameState.mergeInto : undefined;
  return (
    <tr className="border-b border-neutral-200 align-top dark:border-neutral-800">
      <td className="py-2 pr-3">
        <form action={rename} noValidate className="flex flex-wrap items-start gap-2">
          <input type="hidden" name="id" value={tag.id} />
          <label htmlFor={nameId} className="sr-only">
            Name of tag {tag.name}
          </label>
          <input
            id={nameId}
            name="name"
            key={`${tag.name}-${renameState.ok}`}
            defaultValue={renameState.ok === false ? renameState.values?.name : tag.name}
            autoComplete="off"
            aria-invalid={renameErrors ? true : undefined}
            aria-describedby={renameErrors ? `${nameId}-error` : undefined}
            className={input}
          />
          <button type="submit" disabled={renaming} className={button}>
            Rename<span className="sr-only"> #{tag.name}</span>
          </button>
        </form>
        <FieldError id={`${nameId}-error`} errors={renameErrors} />
        {offer && (
          <form action={mergeOffered} className="mt-1">
            <input type="hidden" name="id" value={tag.id} />
            <input type="hidden" name="intoId" value={offer.id} />
            <button type="submit" disabled={mergingOffered} className={button}>
              Merge #{tag.name} into #{offer.name}
            </button>
          </form>
        )}
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
          <form action={merge} noValidate className="flex flex-wrap items-start gap-2">
            <input type="hidden" name="id" value={tag.id} />
            <label htmlFor={intoId} className="sr-only">
              Merge #{tag.name} into tag
            </label>
            <input
              id={intoId}
              name="into"
              key={`into-${mergeState.ok}`}
              defaultValue={mergeState.ok === false ? mergeState.values?.into : ""}
              placeholder="Merge into…"
              autoComplete="off"
              aria-invalid={mergeErrors ? true : undefined}
              aria-describedby={mergeErrors ? `${intoId}-error` : undefined}
              className={input}
            />
            <button type="submit" disabled={merging} className={button}>
              Merge<span className="sr-only"> #{tag.name}</span>
            </button>
          </form>
          <form action={remove}>
            <input type="hidden" name="id" value={tag.id} />
            <button type="submit" disabled={deleting} className={button} >
              Delete<span className="sr-only"> #{tag.name}</span>
            </button>
          </form>
        </div>
        <FieldError id={`${intoId}-error`} errors={mergeErrors} />
      </td>
    </tr>
  );
}
