import type { z } from "zod";

/**
 * The one shape every server action answers with, and every form reads back.
 *
 * - Success: `{ ok: true, message?, data }` — `data` only when the action has something to hand
 *   back (an id, a link); never database rows.
 * - Failure: `{ ok: false, code, message, fieldErrors?, data? }` — `code` is stable for code to
 *   branch on ("unauthenticated", "forbidden", "invalid", "conflict", …), `message` is the sentence
 *   to show, `fieldErrors` sit at their field, and `data` carries what the user can do next (the
 *   newer version on a conflict, the tag to merge into).
 * - Forms also get `values`: what was typed, so an error never empties the form.
 *
 * Plain types and helpers, safe to import from client components.
 */
export type FieldErrors = Record<string, string[]>;
export type FormValues = Record<string, string>;

export type ActionSuccess<T = undefined, V = FormValues> = { ok: true; message?: string; values?: V } & (T extends undefined
  ? { data?: undefined }
  : { data: T });
export type ActionFailure<E = undefined, V = FormValues> = { ok: false; code: string; message: string; fieldErrors?: FieldErrors; values?: V; data?: E };
export type ActionResult<T = undefined, E = undefined, V = FormValues> = ActionSuccess<T, V> | ActionFailure<E, V>;

/** useActionState's state: nothing yet (null) until the first answer. */
export type FormState<T = undefined, E = undefined, V = FormValues> = ActionResult<T, E, V> | null;

export const ERROR_MESSAGES: Record<string, string> = {
  unauthenticated: "Your session has ended. Sign in again.",
  forbidden: "You are not allowed to do this.",
  "forbidden:article": "This article is not yours.",
  not_found: "Not found.",
  invalid: "Please correct the highlighted fields.",
  conflict: "Someone else saved a newer version.",
  unavailable: "The database is unavailable right now. Try again in a moment.",
};

export function fail(code: string, message?: string, fieldErrors?: FieldErrors): ActionFailure<never, never>;
export function fail<E>(code: string, message: string | undefined, fieldErrors: FieldErrors | undefined, data: E | undefined): ActionFailure<E, never>;
export function fail<E>(code: string, message?: string, fieldErrors?: FieldErrors, data?: E): ActionFailure<E, never> {
  const out: ActionFailure<E, never> = { ok: false, code, message: message ?? ERROR_MESSAGES[code] ?? code };
  if (fieldErrors) out.fieldErrors = fieldErrors;
  if (data !== undefined) out.data = data;
  return out;
}

/** The answer to every action called without a live session, whatever the action. */
export const SIGNED_OUT = fail("unauthenticated");

/** A refusal by lib/permissions.ts (which says `reason`) as an action failure. */
export const denied = (p: { code: string; reason: string }) => fail(p.code, p.reason);

/** A domain refusal (`{ ok: false, code, message, fieldErrors? }`) as an action failure. */
export const refused = (r: { code: string; message: string; fieldErrors?: FieldErrors }) => fail(r.code, r.message, r.fieldErrors);

/** zod issues → `{ field: [messages] }`; the key is the dotted path unless `keyOf` says otherwise. */
export function fieldErrorsOf(error: z.ZodError, keyOf: (path: PropertyKey[]) => string = (p) => p.join(".")): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[keyOf(issue.path) || "form"] ??= []).push(issue.message);
  return out;
}
