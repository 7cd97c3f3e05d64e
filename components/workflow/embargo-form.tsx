"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";

import { setEmbargoAction } from "@/app/(newsroom)/newsroom/articles/embargo-actions";

const button =
  "rounded border border-neutral-500 px-3 py-1.5 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60";
const field = "mt-1 w-full rounded border border-neutral-400 bg-white px-2 py-1 text-sm dark:bg-neutral-950 aria-[invalid=true]:border-red-700";

/** The `Embargo until` field: a `datetime-local` read in the newsroom time zone, set and lift buttons. */
export function EmbargoForm({ articleId, timeZone, current }: { articleId: string; timeZone: string; current: string }) {
  const t = useTranslations("workflow.embargo");
  const [state, action, pending] = useActionState(setEmbargoAction, null);
  const id = useId();
  const error = state && !state.ok ? state.fieldErrors?.embargoUntil?.[0] : undefined;
  const value = state && !state.ok ? (state.values?.embargoUntil ?? current) : current;
  return (
    <form action={action} className="mt-2 space-y-2">
      <input type="hidden" name="articleId" value={articleId} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {t("until")}
        </label>
        <span id={`${id}-zone`} className="text-xs text-neutral-600 dark:text-neutral-400">
          {t("zone", { timeZone })}
        </span>
        <input
          id={id}
          key={value}
          name="embargoUntil"
          type="datetime-local"
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-zone ${id}-error` : `${id}-zone`}
          className={field}
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <button type="submit" name="intent" value="set" className={button} disabled={pending}>
          {current ? t("change") : t("set")}
        </button>
        {current && (
          <button type="submit" name="intent" value="lift" className={button} disabled={pending}>
            {t("lift")}
          </button>
        )}
      </div>
      <div aria-live="polite" className="min-h-5 text-sm">
        {!pending && state?.ok && (
          <p role="status" className="text-green-800 dark:text-green-400">
            {state.message}
          </p>
        )}
        {!pending && state && !state.ok && !state.fieldErrors && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
