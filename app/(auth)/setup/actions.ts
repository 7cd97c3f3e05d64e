"use server";

import { redirect } from "next/navigation";

import { getDb } from "@/db";
import { publicFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { createFirstAdmin } from "@/lib/users/first-run";
import { firstAdminSchema } from "@/lib/users/validation";

/** Open to anyone only while the newsroom has no account: createFirstAdmin re-checks that under its lock. */
export const createFirstAdminAction = publicFormAction(
  firstAdminSchema,
  async (input): Promise<ActionResult> => {
    const r = await createFirstAdmin(await getDb(), input);
    if (!r.ok) return refused(r);
    redirect("/login?setup=done");
  },
  { echo: (form) => ({ name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") }) },
);
