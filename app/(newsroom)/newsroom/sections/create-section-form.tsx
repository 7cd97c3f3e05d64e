"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";
import { SECTION_NAME_MAX } from "@/lib/taxonomy/validation";

import { createSectionAction } from "./actions";

export function CreateSectionForm() {
  const t = useTranslations("taxonomy.sections");
  const [state, action, pending] = useActionState<FormState, FormData>(createSectionAction, null);
  const v = state?.ok ? {} : (state?.values ?? {});
  return (
    <form action={action} noValidate className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-start">
      {/* key: empty again after a success, what was typed kept after an error. */}
      <FormField
        id="new-section-name"
        label={t("name")}
        errors={state?.ok === false ? state.fieldErrors?.name : undefined}
        hint={t("nameHint", { max: SECTION_NAME_MAX })}
      >
        {(aria) => <input {...aria} key={`n-${state?.ok}`} name="name" defaultValue={v.name} autoComplete="off" className={inputClass} />}
      </FormField>
      <button
        type="submit"
        disabled={pending}
        className="mt-6 rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
      >
        {t("create")}
      </button>
      <div className="sm:col-span-2">
        <FormMessage ok={state?.ok} message={state?.message} />
      </div>
    </form>
  );
}
