import "server-only";

import type { Tx } from "@/db";
import { loadArticle } from "@/lib/articles/access";
import { resolveSessionUser } from "@/lib/auth/session-user";
import { collabAccess, type CollabAccess } from "@/lib/permissions";

import { readTicket } from "./token";

/** What a connection carries from its authentication: who, for which session version. */
export type CollabContext = { userId: string; name: string; sv: number; articleId: string };

const DOC_NAME = /^article:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The article id a document name stands for, or null for any other name. */
export function articleIdFromDocumentName(name: string): string | null {
  return DOC_NAME.exec(name)?.[1] ?? null;
}

export type Verdict = { ok: true; access: "edit" | "view"; context: CollabContext } | { ok: false; reason: string };

/** A new connection: the document name, the ticket, the user as the database knows them now, the article's rules. */
export async function authenticate({ db, secret, documentName, token }: { db: Tx; secret: string; documentName: string; token: string }): Promise<Verdict> {
  const articleId = articleIdFromDocumentName(documentName);
  if (!articleId) return { ok: false, reason: "bad document name" };
  const claims = readTicket(secret, token, articleId);
  if (!claims) return { ok: false, reason: "bad or expired ticket" };
  const user = await resolveSessionUser(db, { uid: claims.uid, sv: claims.sv });
  if (!user) return { ok: false, reason: "session no longer valid" };
  const loaded = await loadArticle({ db, id: articleId });
  if (!loaded) return { ok: false, reason: "no such article" };
  const access = collabAccess(user, loaded.policy);
  if (access === "none") return { ok: false, reason: "may not view" };
  return { ok: true, access, context: { userId: user.id, name: user.name, sv: claims.sv, articleId } };
}

/** The access of each open connection now (the article and each user read once). */
export async function collabAccessNow({ db, articleId, contexts }: { db: Tx; articleId: string; contexts: CollabContext[] }): Promise<CollabAccess[]> {
  const loaded = await loadArticle({ db, id: articleId });
  if (!loaded) return contexts.map(() => "none");
  const users = new Map<string, CollabAccess>();
  const out: CollabAccess[] = [];
  for (const c of contexts) {
    const key = `${c.userId}:${c.sv}`;
    if (!users.has(key)) users.set(key, collabAccess(await resolveSessionUser(db, { uid: c.userId, sv: c.sv }), loaded.policy));
    out.push(users.get(key)!);
  }
  return out;
}
