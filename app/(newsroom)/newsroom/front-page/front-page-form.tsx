"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { saveFrontPageAction } from "./actions";

export type FrontPageFormProps = {
  leadArticleId: string | null;
  candidates: { id: string; headline: string }[];
  sections: { slug: string; name: string; position: number; hidden: boolean }[];
};

export function FrontPageForm({ leadArticleId, candidates, sections }: FrontPageFormProps) {
  const t = useTranslations("frontPage");
  const [state, action, pending] = useActionState<FormState, FormData>(saveFrontPageAction, null);
  // After an error the form shows what was typed, not the stored values.
  const v = state?.values;
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} className="max-w-2xl space-y-6" noValidate>
      <FormField id="leadArticleId" label={t("lead")} hint={t("leadHint")} errors={e.leadArticleId}>
        {(aria) => (
          // Keyed on the value to show: React resets a form after its action and a select keeps only
          // its first defaultValue, so without a new key a refused save would lose the chosen lead.
          <select
            {...aria}
            key={v?.leadArticleId ?? leadArticleId ?? ""}
            name="leadArticleId"
            defaultValue={v?.leadArticleId ?? leadArticleId ?? ""}
            className={inputClass}
          >
            <option value="">{t("mostRecent")}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.headline || t("untitled")}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <fieldset>
        <legend className="text-sm font-medium">{t("blocks")}</legend>
        <p className="mb-3 text-xs text-neutral-600 dark:text-neutral-400">{t("blocksHint")}</p>
        {sections.length === 0 ? (
          <p>{t("noSections")}</p>
        ) : (
          <ul className="space-y-3">
            {sections.map((s) => (
              <li key={s.slug} className="flex flex-wrap items-end gap-4">
                <div className="w-28">
                  <FormField id={`position-${s.slug}`} label={t("order", { name: s.name })} errors={e[`position:${s.slug}`]}>
                    {(aria) => (
                      <input
                        {...aria}
                        name={`position:${s.slug}`}
                        inputMode="numeric"
                        defaultValue={v?.[`position:${s.slug}`] ?? String(s.position)}
                        className={inputClass}
                      />
                    )}
                  </FormField>
                </div>
                <label className="flex items-center gap-2 pb-2">
                  <input type="checkbox" name={`hidden:${s.slug}`} defaultChecked={v ? v[`hidden:${s.slug}`] === "on" : s.hidden} />
                  <span>{t("hide", { name: s.name })}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
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
