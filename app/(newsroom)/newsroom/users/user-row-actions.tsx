"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormMessage } from "@/components/accounts/form-field";
import { IssuedLink } from "@/components/accounts/issued-link";
import type { FormState } from "@/lib/actions/result";
import { ROLES, type Role } from "@/lib/roles";

import { changeRoleAction, resetPasswordAction, setActiveAction, type AccountLink } from "./actions";

export type UserRowActionsProps = { user: { id: string; name: string; role: Role; active: boolean } };

const button = "rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-60";

export function UserRowActions({ user }: UserRowActionsProps) {
  const t = useTranslations("users");
  const common = useTranslations("common");
  const [roleState, roleAction, rolePending] = useActionState<FormState, FormData>(changeRoleAction, null);
  const [activeState, activeAction, activePending] = useActionState<FormState, FormData>(setActiveAction, null);
  const [resetState, resetAction, resetPending] = useActionState<FormState<AccountLink>, FormData>(resetPasswordAction, null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1">
          <input type="hidden" name="userId" value={user.id} />
          <label htmlFor={`role-${user.id}`} className="sr-only">
            {t("roleFor", { name: user.name })}
          </label>
          <select id={`role-${user.id}`} name="role" defaultValue={user.role} className="rounded border border-neutral-500 bg-transparent px-1 py-1 text-sm">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {common("role", { role: r })}
              </option>
            ))}
          </select>
          <button type="submit" disabled={rolePending} className={button} aria-label={t("changeRoleOf", { name: user.name })}>
            {t("changeRole")}
          </button>
        </form>
        <form action={activeAction}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="active" value={user.active ? "false" : "true"} />
          <button
            type="submit"
            disabled={activePending}
            className={button}
            aria-label={user.active ? t("deactivateName", { name: user.name }) : t("reactivateName", { name: user.name })}
          >
            {user.active ? t("deactivate") : t("reactivate")}
          </button>
        </form>
        <form action={resetAction}>
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" disabled={resetPending} className={button} aria-label={t("resetOf", { name: user.name })}>
            {t("reset")}
          </button>
        </form>
      </div>
      {[roleState, activeState, resetState].map((s, i) => s?.message && <FormMessage key={i} ok={s.ok} message={s.message} />)}
      {resetState?.ok && <IssuedLink id={`link-${user.id}`} link={resetState.data.link} />}
    </div>
  );
}
