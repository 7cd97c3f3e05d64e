"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import { LanguageOptions } from "@/components/accounts/language-options";
import type { FormState } from "@/lib/actions/result";
import type { SiteSettings } from "@/lib/settings";

import { saveSettingsAction } from "./actions";

export function SettingsForm({ settings }: { settings: SiteSettings }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState<FormState, FormData>(saveSettingsAction, null);
  // After an error the form shows what was typed, not the stored values.
  const v = state?.values;
  const e = (state?.ok === false && state.fieldErrors) || {};
  // React resets a form after its action, and a <select> or a checkbox goes back to the value of its
  // first render: keyed by the value to show, it is mounted again with what was chosen.
  const language = v?.siteLanguage ?? settings.siteLanguage;
  const twoPerson = v ? v.twoPersonRule === "on" : settings.twoPersonRule;
  return (
    <form action={action} className="max-w-xl space-y-5" noValidate>
      <FormField id="siteName" label={t("siteName")} errors={e.siteName}>
        {(aria) => <input {...aria} name="siteName" defaultValue={v?.siteName ?? settings.siteName} className={inputClass} />}
      </FormField>
      <FormField id="siteLanguage" label={t("siteLanguage")} hint={t("siteLanguageHint")} errors={e.siteLanguage}>
        {(aria) => (
          <select {...aria} key={language} name="siteLanguage" defaultValue={language} className={inputClass}>
            <LanguageOptions />
          </select>
        )}
      </FormField>
      <div>
        <label className="flex items-start gap-2">
          <input key={String(twoPerson)} type="checkbox" name="twoPersonRule" defaultChecked={twoPerson} className="mt-1" />
          <span>
            <span className="font-medium">{t("twoPersonRule")}</span>
            <span className="block text-sm text-neutral-600 dark:text-neutral-400">{t("twoPersonRuleHint")}</span>
          </span>
        </label>
      </div>
      <FormField id="timeZone" label={t("timeZone")} hint={t("timeZoneHint")} errors={e.timeZone}>
        {(aria) => <input {...aria} name="timeZone" defaultValue={v?.timeZone ?? settings.timeZone} className={inputClass} />}
      </FormField>
      <FormField id="defaultArticleLanguage" label={t("defaultArticleLanguage")} hint={t("defaultArticleLanguageHint")} errors={e.defaultArticleLanguage}>
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
        {t("save")}
      </button>
    </form>
  );
}
