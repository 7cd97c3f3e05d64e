"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { frontPageForm, updateFrontPage } from "@/lib/front-page/front-page";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";

export const saveFrontPageAction = localizedAction(
  authedFormAction(
    frontPageForm,
    async (input, actor): Promise<ActionResult> => {
      const r = await updateFrontPage(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      revalidatePath("/newsroom/front-page");
      return { ok: true, message: (await getTranslations({ locale: await newsroomLocale(), namespace: "frontPage" }))("saved") };
    },
    { echo: true },
  ),
);
