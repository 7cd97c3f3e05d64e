"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import { RowActionButton } from "@/components/newsroom/row-action-button";
import { ShownOnce } from "@/components/newsroom/shown-once";
import type { FormState } from "@/lib/actions/result";

import { createWebhookAction, deleteWebhookAction, redeliverWebhookAction, type NewEndpoint } from "./actions";

const primary = "rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900";

export function CreateWebhookForm({ events }: { events: readonly string[] }) {
  const t = useTranslations("settings.webhooks");
  const [state, action, pending] = useActionState<FormState<NewEndpoint>, FormData>(createWebhookAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <div className="space-y-3">
      <form action={action} className="max-w-xl space-y-4" noValidate>
        <FormField id="webhook-url" label={t("url")} hint={t("urlHint")} errors={e.url}>
          {(aria) => <input {...aria} name="url" type="url" defaultValue={state?.ok === false ? state.values?.url : ""} className={inputClass} />}
        </FormField>
        <fieldset aria-describedby={e.events?.length ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium">{t("eventsLegend")}</legend>
          {events.map((ev) => (
            <label key={ev} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={ev} defaultChecked />
              <code>{ev}</code>
            </label>
          ))}
          {e.events?.length ? (
            <p id="webhook-events-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {e.events.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" disabled={pending} className={primary}>
          {t("addButton")}
        </button>
      </form>
      <FormMessage ok={state?.ok} message={state?.message} />
      {state?.ok && (
        <ShownOnce id="webhook-secret" label={t("secret")} value={state.data.secret}>
          {t.rich("secretHint", { code: (chunks) => <code>{chunks}</code> })}
        </ShownOnce>
      )}
    </div>
  );
}

export function DeleteWebhookButton({ endpointId, url }: { endpointId: string; url: string }) {
  const t = useTranslations("settings.webhooks");
  return <RowActionButton action={deleteWebhookAction} fields={{ endpointId }} label={t("delete")} name={t("deleteName", { url })} />;
}

export function RedeliverButton({ deliveryId, label }: { deliveryId: number; label: string }) {
  const t = useTranslations("settings.webhooks");
  return (
    <RowActionButton
      action={redeliverWebhookAction}
      fields={{ deliveryId: String(deliveryId) }}
      label={t("redeliver")}
      name={t("redeliverName", { label })}
      confirm
    />
  );
}
