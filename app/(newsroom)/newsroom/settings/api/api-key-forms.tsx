"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { createApiKeyAction, revokeApiKeyAction, type NewKey } from "./actions";

const button = "rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900";

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState<FormState<NewKey>, FormData>(createApiKeyAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <div className="space-y-3">
      <form action={action} className="max-w-xl space-y-3" noValidate>
        <FormField id="key-name" label="Key name" hint="Who uses it, e.g. “Mobile app” or “Partner: Le Quotidien”." errors={e.name}>
          {(aria) => <input {...aria} name="name" defaultValue={state?.ok === false ? state.values?.name : ""} className={inputClass} />}
        </FormField>
        <button type="submit" disabled={pending} className={button}>
          Create key
        </button>
      </form>
      <FormMessage ok={state?.ok} message={state?.message} />
      {state?.ok && (
        <div>
          <label htmlFor="new-api-key" className="block text-sm font-medium">
            New API key
          </label>
          <input
            id="new-api-key"
            readOnly
            value={state.data.key}
            onFocus={(ev) => ev.currentTarget.select()}
            className="mt-1 w-full rounded border border-neutral-500 bg-neutral-100 px-2 py-1 font-mono text-xs dark:bg-neutral-900"
          />
          <p className="mt-1 text-xs text-neutral-600 dark:text-neutral-400">
            Send it as <code>Authorization: Bearer …</code>. Only a hash is stored: once you leave this page, nobody can see it again.
          </p>
        </div>
      )}
    </div>
  );
}

export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeApiKeyAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="keyId" value={keyId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-60"
        aria-label={`Revoke ${name}`}
      >
        Revoke
      </button>
      {state?.ok === false && <FormMessage ok={false} message={state.message} />}
    </form>
  );
}
