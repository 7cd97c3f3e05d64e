"use server";

import { z } from "zod";

import { auth } from "@/auth";
import { getDb } from "@/db";
import { authedAction } from "@/lib/actions/authed-action";
import { denied, fail, type ActionResult } from "@/lib/actions/result";
import { loadArticleForUser } from "@/lib/articles/access";
import { issueTicket } from "@/lib/collab/token";

/**
 * A short-lived ticket for the collaboration server (lib/collab/token.ts), for a signed-in user
 * who may view the article; the server decides read-write or read-only itself, now and later.
 */
export const collabTicketAction = authedAction(z.uuid(), async (id, user): Promise<ActionResult<{ ticket: string }>> => {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return fail("unavailable");
  const r = await loadArticleForUser({ db: await getDb(), id, user, action: "view" });
  if (!r.ok) return r.code === "not_found" ? fail("not_found") : denied(r);
  const session = await auth();
  const sv = (session as { sv?: number } | null)?.sv ?? 0;
  return { ok: true, data: { ticket: issueTicket(secret, { uid: user.id, sv, aid: id }) } };
});
