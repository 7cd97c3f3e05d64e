"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { createFirstAdminAction } from "./actions";

export function SetupForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createFirstAdminAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} noValidate className="space-y-4">
      <FormField id="name" label="Name" errors={e.name}>
        {(aria) => <input {...aria} name="name" autoComplete="name" defaultValue={state?.values?.name} className={inputClass} />}
      </FormField>
      <FormField id="email" label="Email" errors={e.email}>
        {(aria) => <input {...aria} name="email" type="email" autoComplete="username" defaultValue={state?.values?.email} className={inputClass} />}
      </FormField>
      <FormField id="password" label="Password" errors={e.password} hint="At least 10 characters.">
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </FormField>
      <FormField id="confirm" label="Confirm password" errors={e.confirm}>
        {(aria) => <input {...aria} name="confirm" type="password" autoComplete="new-password" className={inputClass} />}
      </FormField>
      <FormMessage ok={state?.ok} message={state?.message} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
      >
        Create the admin account
      </button>
    </form>
  );
}
