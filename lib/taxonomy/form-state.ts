import type { z } from "zod";
import { fieldErrorsOf } from "./validation";
import type { Result } from "./result";

/** What every taxonomy form gets back: the typed values come back on error, so nothing is lost. */
export type TaxonomyFormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  mergeInto?: { id: number; name: string };
};

export const SIGNED_OUT: TaxonomyFormState = { ok: false, message: "Your session has ended. Sign in again." };

export const valuesOf = (form: FormData) =>
  Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;

export function invalid(error: z.ZodError, values: Record<string, string>): TaxonomyFormState {
  return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(error), values };
}

export function failed(r: Extract<Result<unknown>, { ok: false }>, values: Record<string, string>): TaxonomyFormState {
  return { ok: false, message: r.message, fieldErrors: r.fieldErrors, values, mergeInto: r.mergeInto };
}
