"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass, NewPasswordFields, SubmitButton } from "@/components/accounts/form-field";
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
      <NewPasswordFields label="Password" errors={e} />
      <FormMessage ok={state?.ok} message={state?.message} />
      <SubmitButton pending={pending}>Create the admin account</SubmitButton>
    </form>
  );
}
