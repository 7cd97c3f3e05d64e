"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import { LanguageOptions } from "@/components/accounts/language-options";
import type { FormState } from "@/lib/actions/result";
import type { SiteSettings } from "@/lib/settings";

import { saveSettingsAction } from "./actions";

export function SettingsForm({ settings }: { settings: SiteSettings }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveSettingsAction, null);
  // After an error the form shows what was typed, not the stored values.
  const v = state?.values;
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormField id="siteName" label="Newsroom name" errors={e.siteName}>
        {(aria) => <input {...aria} name="siteName" defaultValue={v?.siteName ?? settings.siteName} className={inputClass} />}
      </FormField>
      <FormField
        id="siteLanguage"
        label="Site language"
        hint="The public site's own words: navigation, search, dates, 404. Articles keep their own language."
        errors={e.siteLanguage}
      >
        {(aria) => (
          <select {...aria} name="siteLanguage" defaultValue={v?.siteLanguage ?? settings.siteLanguage} className={inputClass}>
            <LanguageOptions />
          </select>
        )}
      </FormField>
      <div>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="twoPersonRule" defaultChecked={v ? v.twoPersonRule === "on" : settings.twoPersonRule} className="mt-1" />
          <span>
            <span className="font-medium">Two-person rule</span>
            <span className="block text-sm text-neutral-600 dark:text-neutral-400">
              An editor who is an author of an article, or who edited the version under review, cannot approve, publish or schedule it.
            </span>
          </span>
        </label>
      </div>
      <FormField
        id="timeZone"
        label="Newsroom time zone"
        hint="Schedules are entered and shown in this zone, and readers see dates and times in it, e.g. Europe/Paris."
        errors={e.timeZone}
      >
        {(aria) => <input {...aria} name="timeZone" defaultValue={v?.timeZone ?? settings.timeZone} className={inputClass} />}
      </FormField>
      <FormField
        id="defaultArticleLanguage"
        label="Default article language"
        hint="BCP 47 code for new articles: fr, en, fr-CA…"
        errors={e.defaultArticleLanguage}
      >
        {(aria) => (
          <input {...aria} name="defaultArticleLanguage" defaultValue={v?.defaultArticleLanguage ?? settings.defaultArticleLanguage} className={inputClass} />
        )}
      </FormField>
      <FormMessage ok={state?.ok} message={state?.message} />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
      >
        Save settings
      </button>
    </form>
  );
}
