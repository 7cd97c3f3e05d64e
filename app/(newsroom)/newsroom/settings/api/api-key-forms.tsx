"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import { RowActionButton } from "@/components/newsroom/row-action-button";
import { ShownOnce } from "@/components/newsroom/shown-once";
import type { FormState } from "@/lib/actions/result";

import { createApiKeyAction, revokeApiKeyAction, type NewKey } from "./actions";

const button = "rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900";

export function CreateApiKeyForm() {
  const t = useTranslations("settings.api");
  const [state, action, pending] = useActionState<FormState<NewKey>, FormData>(createApiKeyAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <div className="space-y-3">
      <form action={action} className="max-w-xl space-y-3" noValidate>
        <FormField id="key-name" label={t("keyName")} hint={t("keyNameHint")} errors={e.name}>
          {(aria) => <input {...aria} name="name" defaultValue={state?.ok === false ? state.values?.name : ""} className={inputClass} />}
        </FormField>
        <button type="submit" disabled={pending} className={button}>
          {t("createButton")}
        </button>
      </form>
      <FormMessage ok={state?.ok} message={state?.message} />
      {state?.ok && (
        <ShownOnce id="new-api-key" label={t("newKey")} value={state.data.key}>
          {t.rich("newKeyHint", { code: (chunks) => <code>{chunks}</code> })}
        </ShownOnce>
      )}
    </div>
  );
}

export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const t = useTranslations("settings.api");
  return <RowActionButton action={revokeApiKeyAction} fields={{ keyId }} label={t("revoke")} name={t("revokeName", { name })} />;
}
