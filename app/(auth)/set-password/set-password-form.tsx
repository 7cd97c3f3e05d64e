"use client";

import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { setPasswordAction } from "./actions";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setPasswordAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <FormField id="password" label="New password" errors={e.password} hint="At least 10 characters.">
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
        Set password
      </button>
    </form>
  );
}
