"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { safeNext } from "@/lib/auth/safe-next";

export type LoginState = { error?: string; email?: string };

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { email, password, redirectTo: safeNext(formData.get("next")) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "";
      if (code.startsWith("rate_limited:")) {
        const at = new Date(code.slice("rate_limited:".length));
        const minutes = Math.max(1, Math.ceil((at.getTime() - Date.now()) / 60_000));
        const time = at.toISOString().slice(11, 16);
        return { error: `Too many failed attempts. Try again in ${minutes} minute${minutes > 1 ? "s" : ""} (at ${time} UTC).`, email };
      }
      return { error: "Email or password is incorrect.", email };
    }
    throw error; // NEXT_REDIRECT on success
  }
}

/** Single sign-on: the identity provider's answer comes back to /api/auth/callback/oidc. */
export async function oidcLogin(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeNext(formData.get("next")) });
}
