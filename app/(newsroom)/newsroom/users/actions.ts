"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { appOrigin } from "@/lib/auth/origin";
import { accountLinkMailFor, sendAccountMail } from "@/lib/users/mail";
import { changeRole, createUser, resetPassword, setActive, type Issued } from "@/lib/users/manage";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "@/lib/users/validation";

/** What the admin gets after an invite or a reset: the one-time link, and whether it was mailed. */
export type AccountLink = { link: string; mail: "sent" | "not_configured" | "failed" };

/** The link is shown to the admin in every case, and mailed as well when SMTP_URL is set. */
async function deliver(issued: Issued, purpose: "invite" | "reset"): Promise<ActionResult<AccountLink>> {
  const link = `${await appOrigin()}/set-password?token=${issued.token}`;
  const mail = await sendAccountMail({
    to: issued.email,
    ...(await accountLinkMailFor(await getDb(), { userId: issued.userId, name: issued.name, link, purpose, expiresAt: issued.expiresAt })),
  });
  const sent = mail === "sent" ? ` An email with the link was sent to ${issued.email}.` : " Send this link to them yourself.";
  const what = purpose === "invite" ? `Account created for ${issued.name}.` : `Password reset for ${issued.name}: the old password no longer works.`;
  return { ok: true, message: `${what}${sent} It works once, for 48 hours.`, data: { link, mail } };
}

export const createUserAction = authedFormAction(
  createUserSchema,
  async (input, actor): Promise<ActionResult<AccountLink>> => {
    const r = await createUser(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom/users");
    return deliver(r.data, "invite");
  },
  { echo: true },
);

export const changeRoleAction = authedFormAction(
  changeRoleSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await changeRole(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom/users");
    return { ok: true, message: `${r.data.name} is now ${r.data.role}.` };
  },
  { invalidMessage: (fieldErrors) => Object.values(fieldErrors)[0]?.[0] },
);

export const setActiveAction = authedFormAction(
  setActiveSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await setActive(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom/users");
    return { ok: true, message: r.data.active ? `${r.data.name} is active again.` : `${r.data.name} is deactivated and signed out.` };
  },
  { invalidMessage: "Unknown user." },
);

export const resetPasswordAction = authedFormAction(
  resetPasswordSchema,
  async (input, actor): Promise<ActionResult<AccountLink>> => {
    const r = await resetPassword(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom/users");
    return deliver(r.data, "reset");
  },
  { invalidMessage: "Unknown user." },
);
