"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import { IssuedLink } from "@/components/accounts/issued-link";
import type { FormState } from "@/lib/actions/result";
import { ROLES } from "@/lib/roles";

import { createUserAction, type AccountLink } from "./actions";

export function CreateUserForm() {
  const t = useTranslations("users");
  const common = useTranslations("common");
  const [state, action, pending] = useActionState<FormState<AccountLink>, FormData>(createUserAction, null);
  const v = state?.ok ? {} : (state?.values ?? {});
  const e = (state?.ok === false && state.fieldErrors) || {};
  return (
    <form action={action} noValidate className="grid gap-4 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-start" aria-describedby="create-user-message">
      {/* key: after a success the fields start empty again; after an error they keep what was typed. */}
      <FormField id="new-name" label={t("columns.name")} errors={e.name}>
        {(aria) => <input {...aria} key={`n-${state?.ok}`} name="name" defaultValue={v.name} autoComplete="off" className={inputClass} />}
      </FormField>
      <FormField id="new-email" label={t("columns.email")} errors={e.email}>
        {(aria) => <input {...aria} key={`e-${state?.ok}`} name="email" type="email" defaultValue={v.email} autoComplete="off" className={inputClass} />}
      </FormField>
      <FormField id="new-role" label={t("columns.role")} errors={e.role}>
        {(aria) => (
          <select {...aria} key={`r-${state?.ok}`} name="role" defaultValue={v.role ?? "journalist"} className={inputClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {common("role", { role: r })}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button
        type="submit"
        disabled={pending}
        className="mt-6 rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
      >
        {t("create")}
      </button>
      <div className="sm:col-span-4">
        <FormMessage id="create-user-message" ok={state?.ok} message={state?.message} />
        {state?.ok && <IssuedLink id="new-user-link" link={state.data.link} />}
      </div>
    </form>
  );
}
