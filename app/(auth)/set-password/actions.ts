"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { getDb } from "@/db";
import { publicFormAction } from "@/lib/actions/authed-action";
import { fail, type ActionResult } from "@/lib/actions/result";
import { clientIp } from "@/lib/auth/authenticate";
import { localizedAction } from "@/lib/i18n/localized-action";
import { setPasswordWithToken } from "@/lib/users/tokens";
import { newPasswordSchema } from "@/lib/users/validation";

/** The token in the link is the only credential; it is checked, and spent, by setPasswordWithToken. */
// Answered in the reader's language (signed out: the browser's), like the page.
export const setPasswordAction = localizedAction(
  publicFormAction(newPasswordSchema, async ({ password }, _signedOut, form): Promise<ActionResult> => {
    const token = String(form.get("token") ?? "");
    const r = await setPasswordWithToken(await getDb(), { token, password, ip: clientIp(await headers()) });
    if (!r.ok) return fail("invalid_link", r.message);
    redirect(`/login?password=set`);
  }),
  { signedOut: true },
);
