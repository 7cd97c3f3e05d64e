import "server-only";

import type { z } from "zod";

import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";

import { fail, fieldErrorsOf, SIGNED_OUT, type ActionFailure, type ActionResult, type FieldErrors, type FormState, type FormValues } from "./result";

/*
 * The pipeline of every server action: signed-in user (re-read from the database, so a
 * deactivated account or an ended session stops here) → zod → the action → one result shape
 * (lib/actions/result.ts). Ids and roles in the input are only requests: the action, or the
 * domain function it calls, still asks lib/permissions.ts whether this user may.
 *
 * Signed out, every action answers SIGNED_OUT. The few bound straight to a `<form action>`
 * without useActionState (restore a revision, sign out, mark notifications read) run the same
 * pipeline and turn its result into a page: a redirect, or the page re-rendered.
 */

type ParseOptions = {
  /** The message above the field errors; by default "Please correct the highlighted fields.". */
  invalidMessage?: string | ((fieldErrors: FieldErrors) => string | undefined);
};

function parse<S extends z.ZodType>(schema: S, raw: unknown, opts: ParseOptions): { ok: true; data: z.infer<S> } | ActionFailure<never, never> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = fieldErrorsOf(parsed.error);
  const message = typeof opts.invalidMessage === "function" ? opts.invalidMessage(fieldErrors) : opts.invalidMessage;
  return fail("invalid", message, fieldErrors);
}

/** An action called with typed arguments (buttons, the editor): `action(input)`. */
export function authedAction<S extends z.ZodType, T = undefined, E = undefined>(
  schema: S,
  action: (input: z.infer<S>, user: CurrentUser) => Promise<ActionResult<T, E>>,
  opts: ParseOptions = {},
) {
  return async (raw: z.input<S>): Promise<ActionResult<T, E>> => {
    const user = await getCurrentUser();
    if (!user) return SIGNED_OUT;
    const input = parse(schema, raw, opts);
    if (!input.ok) return input;
    return action(input.data, user);
  };
}

/** The text fields of a form (files left out), as typed. */
export const valuesOf = (form: FormData): FormValues => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as FormValues;

type FormOptions<V> = ParseOptions & {
  /**
   * Send what was typed back with a failure, so the form keeps it: `true` for every text field,
   * or a function picking the fields (never a password).
   */
  echo?: true | ((form: FormData) => V);
};

type FormAction<S extends z.ZodType, U, T, E, V> = (input: z.infer<S>, user: U, form: FormData) => Promise<ActionResult<T, E, V>>;

function formPipeline<S extends z.ZodType, U, T, E, V>(schema: S, who: () => Promise<U | null>, action: FormAction<S, U, T, E, V>, opts: FormOptions<V>) {
  return async (_prev: FormState<T, E, V>, form: FormData): Promise<ActionResult<T, E, V>> => {
    const result = await run(form);
    if (result.ok || !opts.echo || result.values) return result;
    return { ...result, values: opts.echo === true ? (valuesOf(form) as V) : opts.echo(form) };
  };

  async function run(form: FormData): Promise<ActionResult<T, E, V>> {
    const user = await who();
    if (!user) return SIGNED_OUT;
    const input = parse(schema, valuesOf(form), opts);
    if (!input.ok) return input;
    return action(input.data, user, form);
  }
}

/**
 * The useActionState variant: `(previousState, formData)`. The schema reads the form's text
 * fields; the action also gets the FormData itself, for files.
 */
export function authedFormAction<S extends z.ZodType, T = undefined, E = undefined, V = FormValues>(
  schema: S,
  action: FormAction<S, CurrentUser, T, E, V>,
  opts: FormOptions<V> = {},
) {
  return formPipeline(schema, getCurrentUser, action, opts);
}

/** The same for the few forms used signed out (sign-in, choosing a password): no user. */
export function publicFormAction<S extends z.ZodType, T = undefined, E = undefined, V = FormValues>(
  schema: S,
  action: FormAction<S, true, T, E, V>,
  opts: FormOptions<V> = {},
) {
  return formPipeline(schema, async () => true as const, action, opts);
}
