"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { markRead } from "./store";

/** Marks the signed-in user's own notifications read; there is nothing else it could touch. */
export async function markNotificationsRead(): Promise<void> {
  const user = await getCurrentUser();
  if (!user) return;
  await markRead(await getDb(), user.id);
  revalidatePath("/newsroom", "layout");
}
