"use client";

import { useActionState } from "react";

import { SubmitButton } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";

import { loginAction } from "./actions";

/** The form's words, in the language of the sign-in page. */
export type LoginText = { email: string; password: string; submit: string };

export function LoginForm({ next, text }: { next?: string; text: LoginText }) {
  const [state, action, pending] = useActionState<FormState, FormData>(loginAction, null);
  const error = state?.ok === false ? state.message : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next ?? ""} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {text.email}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state?.values?.email}
          className="mt-1 w-full rounded border border-neutral-400 bg-transparent px-3 py-2"
          aria-describedby={error ? "login-error" : undefined}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {text.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-neutral-400 bg-transparent px-3 py-2"
          aria-describedby={error ? "login-error" : undefined}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <p id="login-error" role="alert" aria-live="assertive" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
      <SubmitButton pending={pending}>{text.submit}</SubmitButton>
    </form>
  );
}
