"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { createWebhookAction, deleteWebhookAction, redeliverWebhookAction, type NewEndpoint } from "./actions";

const primary = "rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900";
const small = "rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-60";

export function CreateWebhookForm({ events }: { events: readonly string[] }) {
  const [state, action, pending] = useActionState<FormState<NewEndpoint>, FormData>(createWebhookAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <div className="space-y-3">
      <form action={action} className="max-w-xl space-y-4" noValidate>
        <FormField id="webhook-url" label="Endpoint URL" hint="A public https address that accepts POST requests." errors={e.url}>
          {(aria) => <input {...aria} name="url" type="url" defaultValue={state?.ok === false ? state.values?.url : ""} className={inputClass} />}
        </FormField>
        <fieldset aria-describedby={e.events?.length ? "webhook-events-error" : undefined}>
          <legend className="text-sm font-medium">Events</legend>
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
          Add endpoint
        </button>
      </form>
      <FormMessage ok={state?.ok} message={state?.message} />
      {state?.ok && (
        <div>
          <label htmlFor="webhook-secret" className="block text-sm font-medium">
            Signing secret
          </label>
          <input
            id="webhook-secret"
            readOnly
            value={state.data.secret}
            onFocus={(ev) => ev.currentTarget.select()}
            className="mt-1 w-full rounded border border-neutral-500 bg-neutral-100 px-2 py-1 font-mono text-xs dark:bg-neutral-900"
          />
          <p className="mt-1 text-xs text-neutral-600 dark:text-neutral-400">
            Verify the <code>webhook-signature</code> header with it (Standard Webhooks libraries do this for you).
          </p>
        </div>
      )}
    </div>
  );
}

export function DeleteWebhookButton({ endpointId, url }: { endpointId: string; url: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(deleteWebhookAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="endpointId" value={endpointId} />
      <button type="submit" disabled={pending} className={small} aria-label={`Delete endpoint ${url}`}>
        Delete
      </button>
      {state?.ok === false && <FormMessage ok={false} message={state.message} />}
    </form>
  );
}

export function RedeliverButton({ deliveryId, label }: { deliveryId: number; label: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(redeliverWebhookAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" disabled={pending} className={small} aria-label={`Redeliver ${label}`}>
        Redeliver
      </button>
      {state?.message && <FormMessage ok={state.ok} message={state.message} />}
    </form>
  );
}
