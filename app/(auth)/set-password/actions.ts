"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/auth/authenticate";
import { getDb } from "@/db";
import { setPasswordWithToken } from "@/lib/users/tokens";
import { fieldErrorsOf, newPasswordSchema } from "@/lib/users/validation";

export type SetPasswordState = { message?: string; fieldErrors?: Record<string, string[]> };

export async function setPasswordAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  const token = String(form.get("token") ?? "");
  const parsed = newPasswordSchema.safeParse({ password: String(form.get("password") ?? ""), confirm: String(form.get("confirm") ?? "") });
  if (!parsed.success) return { message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  const r = await setPasswordWithToken(await getDb(), { token, password: parsed.data.password, ip: clientIp(await headers()) });
  if (!r.ok) return { message: r.message };
  redirect(`/login?password=set`);
}
