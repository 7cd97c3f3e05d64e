"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { appOrigin } from "@/lib/auth/origin";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";
import { accountLinkMailFor, sendAccountMail } from "@/lib/users/mail";
import { changeRole, createUser, resetPassword, setActive, type Issued } from "@/lib/users/manage";
import { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "@/lib/users/validation";

/** What the admin gets after an invite or a reset: the one-time link, and whether it was mailed. */
export type AccountLink = { link: string; mail: "sent" | "not_configured" | "failed" };

const words = async () => getTranslations({ locale: await newsroomLocale(), namespace: "users" });

/** The link is shown to the admin in every case, and mailed as well when SMTP_URL is set. */
async function deliver(issued: Issued, purpose: "invite" | "reset"): Promise<ActionResult<AccountLink>> {
  const link = `${await appOrigin()}/set-password?token=${issued.token}`;
  const mail = await sendAccountMail({
    to: issued.email,
    ...(await accountLinkMailFor(await getDb(), { userId: issued.userId, name: issued.name, link, purpose, expiresAt: issued.expiresAt })),
  });
  const t = await words();
  const sent = mail === "sent" ? t("mailSent", { email: issued.email }) : t("mailYourself");
  const what = purpose === "invite" ? t("created", { name: issued.name }) : t("resetDone", { name: issued.name });
  return { ok: true, message: `${what} ${sent} ${t("worksOnce")}`, data: { link, mail } };
}

export const createUserAction = localizedAction(
  authedFormAction(
    createUserSchema,
    async (input, actor): Promise<ActionResult<AccountLink>> => {
      const r = await createUser(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      revalidatePath("/newsroom/users");
      return deliver(r.data, "invite");
    },
    { echo: true },
  ),
);

export const changeRoleAction = localizedAction(
  authedFormAction(
    changeRoleSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await changeRole(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      revalidatePath("/newsroom/users");
      const locale = await newsroomLocale();
      const t = await getTranslations({ locale, namespace: "users" });
      const common = await getTranslations({ locale, namespace: "common" });
      return { ok: true, message: t("roleChanged", { name: r.data.name, role: common("role", { role: r.data.role }) }) };
    },
    { invalidMessage: (fieldErrors) => Object.values(fieldErrors)[0]?.[0] },
  ),
);

export const setActiveAction = localizedAction(
  authedFormAction(
    setActiveSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await setActive(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      revalidatePath("/newsroom/users");
      const t = await words();
      return { ok: true, message: r.data.active ? t("reactivated", { name: r.data.name }) : t("deactivated", { name: r.data.name }) };
    },
    { invalidMessage: "Unknown user." },
  ),
);

export const resetPasswordAction = localizedAction(
  authedFormAction(
    resetPasswordSchema,
    async (input, actor): Promise<ActionResult<AccountLink>> => {
      const r = await resetPassword(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      revalidatePath("/newsroom/users");
      return deliver(r.data, "reset");
    },
    { invalidMessage: "Unknown user." },
  ),
);
