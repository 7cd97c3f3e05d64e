"use client";

import { useActionState } from "react";

import { FormMessage, NewPasswordFields, SubmitButton } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { setPasswordAction } from "./actions";

export function SetPasswordForm({
  token,
  email,
  text,
}: {
  token: string;
  email: string;
  text: { newPassword: string; submit: string; passwordHint: string; confirm: string };
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(setPasswordAction, null);
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <NewPasswordFields label={text.newPassword} hint={text.passwordHint} confirmLabel={text.confirm} errors={e} />
      <FormMessage ok={state?.ok} message={state?.message} />
      <SubmitButton pending={pending}>{text.submit}</SubmitButton>
    </form>
  );
}
