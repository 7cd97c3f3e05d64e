"use server";

import { redirect } from "next/navigation";

import { getDb } from "@/db";
import { publicFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { localizedAction } from "@/lib/i18n/localized-action";
import { createFirstAdmin } from "@/lib/users/first-run";
import { firstAdminSchema } from "@/lib/users/validation";

/** Open to anyone only while the newsroom has no account: createFirstAdmin re-checks that under its lock. */
// Refusals in the browser's language, like the page.
export const createFirstAdminAction = localizedAction(
  publicFormAction(
    firstAdminSchema,
    async (input): Promise<ActionResult> => {
      const r = await createFirstAdmin(await getDb(), input);
      if (!r.ok) return refused(r);
      redirect("/login?setup=done");
    },
    { echo: (form) => ({ name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") }) },
  ),
  { signedOut: true },
);
