"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { frontPageForm, updateFrontPage } from "@/lib/front-page/front-page";

export const saveFrontPageAction = authedFormAction(
  frontPageForm,
  async (input, actor): Promise<ActionResult> => {
    const r = await updateFrontPage(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom/front-page");
    return { ok: true, message: "Front page saved. Readers see it on their next visit." };
  },
  { echo: true },
);
