"use client";

import { useActionState } from "react";

import { FormMessage } from "@/components/accounts/form-field";
import type { ActionResult, FormState } from "@/lib/actions/result";

export type RowActionButtonProps = {
  action: (prev: FormState, form: FormData) => Promise<ActionResult>;
  /** Hidden fields naming the row (ids only: the action re-checks everything). */
  fields: Record<string, string>;
  label: string;
  /** The button's accessible name, naming the row (`Revoke Mobile app`). */
  name: string;
  /** Show the success message too (by default only a refusal is shown). */
  confirm?: boolean;
};

/** One button acting on one row of a settings list (revoke, delete, redeliver). */
export function RowActionButton({ action, fields, label, name, confirm = false }: RowActionButtonProps) {
  const [state, run, pending] = useActionState<FormState, FormData>(action, null);
  return (
    <form action={run}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" disabled={pending} className="rounded border border-neutral-500 px-2 py-1 text-sm disabled:opacity-60" aria-label={name}>
        {label}
      </button>
      {state?.message && (confirm || !state.ok) && <FormMessage ok={state.ok} message={state.message} />}
    </form>
  );
}
