"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass, NewPasswordFields, SubmitButton } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { createFirstAdminAction } from "./actions";

/** The form's words, in the browser's language (messages/*.json, "setup"). */
export type SetupText = Record<"name" | "email" | "password" | "passwordHint" | "confirm" | "submit", string>;

export function SetupForm({ text }: { text: SetupText }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createFirstAdminAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} noValidate className="space-y-4">
      <FormField id="name" label={text.name} errors={e.name}>
        {(aria) => <input {...aria} name="name" autoComplete="name" defaultValue={state?.values?.name} className={inputClass} />}
      </FormField>
      <FormField id="email" label={text.email} errors={e.email}>
        {(aria) => <input {...aria} name="email" type="email" autoComplete="username" defaultValue={state?.values?.email} className={inputClass} />}
      </FormField>
      <NewPasswordFields label={text.password} hint={text.passwordHint} confirmLabel={text.confirm} errors={e} />
      <FormMessage ok={state?.ok} message={state?.message} />
      <SubmitButton pending={pending}>{text.submit}</SubmitButton>
    </form>
  );
}
