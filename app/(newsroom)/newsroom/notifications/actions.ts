"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { markNotificationsRead } from "@/db/queries/notifications";
import { authedAction } from "@/lib/actions/authed-action";
import type { ActionResult } from "@/lib/actions/result";

// Mark all read: the form's data is ignored; the only notifications it can touch are the signed-in user's own.
const markAllRead = authedAction(z.unknown(), async (_form, user): Promise<ActionResult> => {
  await markNotificationsRead({ db: await getDb(), userId: user.id });
  revalidatePath("/newsroom", "layout");
  return { ok: true };
});

// One notification, by its id: still only among the signed-in user's own (another's id changes nothing).
const markOneRead = authedAction(z.object({ id: z.number().int().positive() }), async ({ id }, user): Promise<ActionResult> => {
  await markNotificationsRead({ db: await getDb(), userId: user.id, id });
  revalidatePath("/newsroom", "layout");
  return { ok: true };
});

/** A plain form (the page re-renders with the notifications read), so there is nothing to return. */
export async function markNotificationsReadAction(form: FormData): Promise<void> {
  await markAllRead(form);
}

/** The form beside one unread notification. */
export async function markNotificationReadAction(form: FormData): Promise<void> {
  await markOneRead({ id: Number(form.get("id")) });
}
