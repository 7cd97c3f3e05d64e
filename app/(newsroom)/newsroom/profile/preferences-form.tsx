"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import { LanguageOptions } from "@/components/accounts/language-options";
import type { FormState } from "@/lib/actions/result";
import type { PreferencesInput } from "@/lib/preferences/validation";

import { updatePreferencesAction } from "./preferences-actions";

/** The form's words, in the newsroom's language (messages/*.json, "preferences"). */
export type PreferencesText = Record<"interfaceLanguage" | "siteLanguage" | "typography" | "typographyHint" | "save" | "saving", string>;
export type PreferencesFormProps = { initial: PreferencesInput; text: PreferencesText };

export function PreferencesForm({ initial, text }: PreferencesFormProps) {
  const [state, action, pending] = useActionState<FormState<undefined, undefined, PreferencesInput>, FormData>(updatePreferencesAction, null);
  const v = state?.values ?? initial;
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} noValidate className="mt-4 space-y-4" aria-describedby="preferences-message">
      <FormField id="interfaceLanguage" label={text.interfaceLanguage} errors={e.interfaceLanguage}>
        {(aria) => (
          <select {...aria} name="interfaceLanguage" defaultValue={v.interfaceLanguage} className={`${inputClass} max-w-xs`}>
            <option value="">{text.siteLanguage}</option>
            <LanguageOptions />
          </select>
        )}
      </FormField>
      <div className="flex items-start gap-2">
        <input
          id="typographyAsYouType"
          name="typographyAsYouType"
          type="checkbox"
          defaultChecked={v.typographyAsYouType === "on"}
          aria-describedby="typographyAsYouType-hint"
          className="mt-1"
        />
        <div>
          <label htmlFor="typographyAsYouType" className="text-sm font-medium">
            {text.typography}
          </label>
          <p id="typographyAsYouType-hint" className="text-xs text-neutral-600 dark:text-neutral-400">
            {text.typographyHint}
          </p>
        </div>
      </div>
      <FormMessage id="preferences-message" ok={state?.ok} message={state?.message} />
      <button type="submit" disabled={pending} className="rounded border border-neutral-500 px-3 py-1.5 font-medium disabled:opacity-60">
        {pending ? text.saving : text.save}
      </button>
    </form>
  );
}
