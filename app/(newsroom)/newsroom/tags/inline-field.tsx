"use client";

import type { ReactNode } from "react";

import type { FieldErrors, FormValues } from "@/lib/actions/result";

export const rowButton = "rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-50";

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="mt-1 text-sm text-red-700 dark:text-red-400">
      {errors.join(" ")}
    </p>
  ) : null;
}

/**
 * A one-field form of a tags or sections row (rename, merge into): an sr-only label, the typed value
 * kept after an error, the error tied to the field, and a button named after the row.
 */
export function InlineFieldForm({
  id,
  rowId,
  name,
  label,
  state,
  action,
  pending,
  current,
  button,
  placeholder,
  inputClassName,
  after,
}: {
  id: string;
  rowId: number;
  name: string;
  label: string;
  state: { ok: boolean; fieldErrors?: FieldErrors; values?: FormValues } | null;
  action: (form: FormData) => void;
  pending: boolean;
  /** The value shown when nothing was typed (the current name, or empty). */
  current: string;
  button: ReactNode;
  placeholder?: string;
  inputClassName: string;
  /** Shown under the error (the rename's merge offer). */
  after?: ReactNode;
}) {
  const errors = state?.ok === false ? state.fieldErrors?.[name] : undefined;
  return (
    <>
      <form action={action} noValidate className="flex flex-wrap items-start gap-2">
        <input type="hidden" name="id" value={rowId} />
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          name={name}
          key={`${current}-${state?.ok}`}
          defaultValue={state?.ok === false ? state.values?.[name] : current}
          placeholder={placeholder}
          autoComplete="off"
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-error` : undefined}
          className={`rounded border border-neutral-500 bg-transparent px-2 py-1 aria-[invalid=true]:border-red-700 ${inputClassName}`}
        />
        <button type="submit" disabled={pending} className={rowButton}>
          {button}
        </button>
      </form>
      <FieldError id={`${id}-error`} errors={errors} />
      {after}
    </>
  );
}
