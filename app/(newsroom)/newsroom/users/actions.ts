"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { appOrigin } from "@/lib/auth/origin";
import { getCurrentUser } from "@/lib/auth/session";
import { accountLinkMail, sendAccountMail } from "@/lib/users/mail";
import { changeRole, createUser, resetPassword, setActive, type Issued, type Result } from "@/lib/users/manage";
import { changeRoleSchema, createUserSchema, fieldErrorsOf, resetPasswordSchema, setActiveSchema } from "@/lib/users/validation";

export type UserFormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  link?: string;
  mail?: "sent" | "not_configured" | "failed";
};

const SIGNED_OUT: UserFormState = { ok: false, message: "Your session has ended. Sign in again." };
const valuesOf = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;

/** The link is shown to the admin in every case, and mailed as well when SMTP_URL is set. */
async function deliver(issued: Issued, purpose: "invite" | "reset"): Promise<UserFormState> {
  const link = `${await appOrigin()}/set-password?token=${issued.token}`;
  const mail = await sendAccountMail({ to: issued.email, ...accountLinkMail({ name: issued.name, link, purpose, expiresAt: issued.expiresAt }) });
  const sent = mail === "sent" ? ` An email with the link was sent to ${issued.email}.` : " Send this link to them yourself.";
  const what = purpose === "invite" ? `Account created for ${issued.name}.` : `Password reset for ${issued.name}: the old password no longer works.`;
  return { ok: true, message: `${what}${sent} It works once, for 48 hours.`, link, mail };
}

function failed(r: Extract<Result<unknown>, { ok: false }>, values?: Record<string, string>): UserFormState {
  return { ok: false, message: r.message, fieldErrors: r.fieldErrors, values };
}

export async function createUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const values = valuesOf(form);
  const parsed = createUserSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error), values };
  const r = await createUser(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, values);
  revalidatePath("/newsroom/users");
  return deliver(r.data, "invite");
}

export async function changeRoleAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const parsed = changeRoleSchema.safeParse(valuesOf(form));
  if (!parsed.success) return { ok: false, message: Object.values(fieldErrorsOf(parsed.error))[0]?.[0] };
  const r = await changeRole(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/newsroom/users");
  return { ok: true, message: `${r.data.name} is now ${r.data.role}.` };
}

export async function setActiveAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const parsed = setActiveSchema.safeParse(valuesOf(form));
  if (!parsed.success) return { ok: false, message: "Unknown user." };
  const r = await setActive(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/newsroom/users");
  return { ok: true, message: r.data.active ? `${r.data.name} is active again.` : `${r.data.name} is deactivated and signed out.` };
}

export async function resetPasswordAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const parsed = resetPasswordSchema.safeParse(valuesOf(form));
  if (!parsed.success) return { ok: false, message: "Unknown user." };
  const r = await resetPassword(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r);
  revalidatePath("/newsroom/users");
  return deliver(r.data, "reset");
}
