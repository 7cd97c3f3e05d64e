import "server-only";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";

/** What every server action returns: never rows, field errors at the field (style rules 18, 21). */
export type ActionResult<T = undefined> =
  | ({ ok: true; message?: string } & (T extends undefined ? unknown : { data: T }))
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

export const ERROR_MESSAGES: Record<string, string> = {
  unauthenticated: "Your session has ended. Sign in again.",
  forbidden: "You are not allowed to do this.",
  "forbidden:article": "This article is not yours.",
  not_found: "Not found.",
  invalid: "Please correct the highlighted fields.",
  conflict: "Someone else saved a newer version.",
  unavailable: "The database is unavailable right now. Try again in a moment.",
};

export function fail(code: string, message?: string, fieldErrors?: Record<string, string[]>) {
  return { ok: false as const, code, message: message ?? ERROR_MESSAGES[code] ?? code, fieldErrors };
}

/**
 * zod → signed-in user (re-read from the database) → the action. Validation errors come back
 * per field; the action itself must still authorise with lib/permissions.ts.
 */
export function authedAction<S extends z.ZodType, R>(
  schema: S,
  action: (input: z.infer<S>, user: CurrentUser) => Promise<R>,
) {
  return async (raw: unknown): Promise<R | ReturnType<typeof fail>> => {
    const user = await getCurrentUser();
    if (!user) return fail("unauthenticated");
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "form";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return fail("invalid", undefined, fieldErrors);
    }
    return action(parsed.data, user);
  };
}
