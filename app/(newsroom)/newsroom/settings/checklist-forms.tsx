"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";
import { CHECKLIST_LABEL_MAX } from "@/lib/checklist/validation";

import { useAnnouncedAction } from "../tags/announcer";
import { rowButton as button, FieldError } from "../tags/inline-field";
import { createChecklistItemAction, deleteChecklistItemAction, moveChecklistItemAction, updateChecklistItemAction } from "./checklist-actions";

export function CreateChecklistItemForm() {
  const t = useTranslations("settings.checklist");
  const [state, action, pending] = useActionState<FormState, FormData>(createChecklistItemAction, null);
  const v = state?.ok ? {} : (state?.values ?? {});
  return (
    <form action={action} noValidate className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-start">
      {/* key: empty again after a success, what was typed kept after an error. */}
      <FormField
        id="new-checklist-label"
        label={t("label")}
        errors={state?.ok === false ? state.fieldErrors?.label : undefined}
        hint={t("labelHint", { max: CHECKLIST_LABEL_MAX })}
      >
        {(aria) => <input {...aria} key={`l-${state?.ok}`} name="label" defaultValue={v.label} autoComplete="off" className={inputClass} />}
      </FormField>
      <label className="mt-8 flex items-center gap-2 text-sm">
        <input key={`r-${state?.ok}`} type="checkbox" name="required" defaultChecked={state?.ok === false ? v.required === "on" : true} />
        {t("required")}
      </label>
      <button
        type="submit"
        disabled={pending}
        className="mt-6 rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
      >
        {t("add")}
      </button>
      <div className="sm:col-span-3">
        <FormMessage ok={state?.ok} message={state?.message} />
      </div>
    </form>
  );
}

export function ChecklistItemRow({ item, first, last }: { item: { id: number; label: string; required: boolean }; first: boolean; last: boolean }) {
  const t = useTranslations("settings.checklist");
  const [saveState, save, saving] = useAnnouncedAction(updateChecklistItemAction);
  const [, move, moving] = useAnnouncedAction(moveChecklistItemAction);
  const [, remove, deleting] = useAnnouncedAction(deleteChecklistItemAction);
  const id = `checklist-item-${item.id}`;
  const failed = saveState?.ok === false ? saveState : null;
  const errors = failed?.fieldErrors?.label;
  // After an error the form keeps what was typed; otherwise it shows the stored item.
  const label = failed?.values?.label ?? item.label;
  const required = failed ? failed.values?.required === "on" : item.required;
  return (
    <tr className="border-b border-neutral-200 align-top dark:border-neutral-800">
      <td className="py-2 pr-3">
        <form action={save} noValidate className="flex flex-wrap items-start gap-2">
          <input type="hidden" name="id" value={item.id} />
          <label htmlFor={`${id}-label`} className="sr-only">
            {t("labelOf", { label: item.label })}
          </label>
          <input
            id={`${id}-label`}
            name="label"
            key={`${item.label}-${saveState?.ok}`}
            defaultValue={label}
            autoComplete="off"
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? `${id}-error` : undefined}
            className="w-64 rounded border border-neutral-500 bg-transparent px-2 py-1 aria-[invalid=true]:border-red-700"
          />
          <label className="flex items-center gap-1 py-1 text-sm">
            <input key={`${item.required}-${saveState?.ok}`} type="checkbox" name="required" defaultChecked={required} />
            {t("required")}
            <span className="sr-only"> {item.label}</span>
          </label>
          <button type="submit" disabled={saving} className={button}>
            {t("save")}
            <span className="sr-only"> {item.label}</span>
          </button>
        </form>
        <FieldError id={`${id}-error`} errors={errors} />
      </td>
      <td className="py-2 pr-3">
        <div className="flex flex-wrap gap-2">
          {(["up", "down"] as const).map((direction) => (
            <form key={direction} action={move}>
              <input type="hidden" name="id" value={item.id} />
              <input type="hidden" name="direction" value={direction} />
              <button type="submit" disabled={(direction === "up" ? first : last) || moving} className={button}>
                {direction === "up" ? t("moveUp") : t("moveDown")}
                <span className="sr-only"> {item.label}</span>
              </button>
            </form>
          ))}
        </div>
      </td>
      <td className="py-2">
        <form action={remove}>
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" disabled={deleting} className={button}>
            {t("delete")}
            <span className="sr-only"> {item.label}</span>
          </button>
        </form>
      </td>
    </tr>
  );
}
