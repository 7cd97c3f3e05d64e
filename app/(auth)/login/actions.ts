"use server";

import { AuthError } from "next-auth";
import { z } from "zod";

import { signIn } from "@/auth";
import { publicFormAction } from "@/lib/actions/authed-action";
import { fail, type ActionResult } from "@/lib/actions/result";
import { safeNext } from "@/lib/auth/safe-next";
import { localizedAction } from "@/lib/i18n/localized-action";

const credentials = z.object({ email: z.string().trim().min(1), password: z.string().min(1), next: z.string().optional() });

function refusal(error: AuthError) {
  const code = (error as AuthError & { code?: string }).code ?? "";
  if (!code.startsWith("rate_limited:")) return fail("bad_credentials", "Email or password is incorrect.");
  const at = new Date(code.slice("rate_limited:".length));
  const minutes = Math.max(1, Math.ceil((at.getTime() - Date.now()) / 60_000));
  const time = at.toISOString().slice(11, 16);
  return fail("rate_limited", `Too many failed attempts. Try again in ${minutes} minute${minutes > 1 ? "s" : ""} (at ${time} UTC).`);
}

/**
 * On a refusal the email stays in the form; the password never comes back. Answered in the
 * reader's language (signed out: the browser's), like the page.
 */
export const loginAction = localizedAction(
  publicFormAction(
    credentials,
    async ({ email, password, next }): Promise<ActionResult> => {
      try {
        await signIn("credentials", { email, password, redirectTo: safeNext(next ?? null) });
        return { ok: true };
      } catch (error) {
        if (error instanceof AuthError) return refusal(error);
        throw error; // NEXT_REDIRECT on success
      }
    },
    { invalidMessage: "Enter your email and password.", echo: (form) => ({ email: String(form.get("email") ?? "").trim() }) },
  ),
  { signedOut: true },
);

/** Single sign-on: the identity provider's answer comes back to /api/auth/callback/oidc. */
export async function oidcLoginAction(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeNext(formData.get("next")) });
}
