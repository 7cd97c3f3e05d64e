import type { ReactNode } from "react";

import { FocusFirstInvalid } from "./focus-first-invalid";

export type FormFieldProps = {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
};

export const inputClass =
  "mt-1 w-full rounded border border-neutral-500 bg-transparent px-3 py-2 aria-[invalid=true]:border-red-700 dark:aria-[invalid=true]:border-red-400";

/** A labelled control with its hint and its error, wired for screen readers. */
export function FormField({ id, label, errors, hint, children }: FormFieldProps) {
  const describedBy = [hint ? `${id}-hint` : "", errors?.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id, ...(errors?.length ? { "aria-invalid": true } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-neutral-600 dark:text-neutral-400">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormMessage({ ok, message, id }: { ok?: boolean; message?: string; id?: string }) {
  return (
    <>
      <p
        id={id}
        role={ok === false ? "alert" : "status"}
        aria-live="polite"
        className={`min-h-5 text-sm ${ok === false ? "text-red-700 dark:text-red-400" : "text-green-800 dark:text-green-300"}`}
      >
        {message}
      </p>
      <FocusFirstInvalid failed={ok === false} />
    </>
  );
}

/**
 * A new password and its confirmation (fields `password` and `confirm`), as every account form asks
 * for them. The words come from the page (signed-out pages have no catalogue provider); English by default.
 */
export function NewPasswordFields({
  label,
  errors,
  hint = "At least 10 characters.",
  confirmLabel = "Confirm password",
}: {
  label: string;
  errors: { password?: string[]; confirm?: string[] };
  hint?: string;
  confirmLabel?: string;
}) {
  return (
    <>
      <FormField id="password" label={label} errors={errors.password} hint={hint}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </FormField>
      <FormField id="confirm" label={confirmLabel} errors={errors.confirm}>
        {(aria) => <input {...aria} name="confirm" type="password" autoComplete="new-password" className={inputClass} />}
      </FormField>
    </>
  );
}

/** The one button that sends an account form; disabled while it is being sent. */
export function SubmitButton({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="w-full rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
    >
      {children}
    </button>
  );
}
