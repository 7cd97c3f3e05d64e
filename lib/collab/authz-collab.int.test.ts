/**
 * Authorisation of the live document, over a real WebSocket: for every workflow state, who gets
 * read-write (their writes reach the server), read-only (their writes are dropped) or nothing
 * (refused at authentication). Written out as a table, not derived from lib/permissions.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/workflow/article-workflow";
import { connectClient, fragmentText, SECRET, startCollab, ticketFor, typeInto, until, type Client, type RunningCollab } from "@/testing/collab";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleInState, makeCast, type Cast } from "@/testing/workflow-fixtures";

type Who = "signedOut" | "author" | "otherJournalist" | "editor" | "admin";
type Access = "edit" | "view" | "none";
const AUTHOR_WRITES: ArticleStatus[] = ["draft", "changes_requested"];
const expected = (who: Who, status: ArticleStatus): Access => {
  if (who === "editor" || who === "admin") return "edit";
  if (who === "author") return AUTHOR_WRITES.includes(status) ? "edit" : "view";
  return "none";
};

let t: TestDb;
let cast: Cast;
let server: RunningCollab;
const clients: Client[] = [];

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "authz-collab-");
  server = await startCollab(t.db);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
  await t?.drop();
});

async function accessOf(articleId: string, who: Who): Promise<Access> {
  const token =
    who === "signedOut" ? "" : ticketFor({ author: cast.claire, otherJournalist: cast.yanis, editor: cast.editor, admin: cast.admin }[who], articleId);
  const c = connectClient(server.url, articleId, token);
  clients.push(c);
  await until(() => c.provider.isSynced || c.events.authFailed.length > 0, 10_000, `answer for ${who}`);
  if (!c.provider.isSynced) return "none";
  const marker = `[${who}-${Math.random().toString(36).slice(2, 8)}]`;
  typeInto(c.doc, marker);
  const live = () => server.collab.hocuspocus.documents.get(`article:${articleId}`);
  const landed = await until(() => fragmentText(live()!).includes(marker), 1500, "write")
    .then(() => true)
    .catch(() => false);
  c.destroy();
  return landed ? "edit" : "view";
}

describe("live document access by role and state", () => {
  for (const status of ARTICLE_STATUSES) {
    it(`${status}: signed out none, the author ${expected("author", status)}, another journalist none, editor and admin edit`, async () => {
      const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status });
      const who: Who[] = ["signedOut", "author", "otherJournalist", "editor", "admin"];
      const got = await Promise.all(who.map((w) => accessOf(id, w)));
      expect(Object.fromEntries(who.map((w, i) => [w, got[i]]))).toEqual(Object.fromEntries(who.map((w) => [w, expected(w, status)])));
    });
  }

  it("refuses a ticket signed with another secret", async () => {
    const id = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
    const { issueTicket } = await import("./token");
    const c = connectClient(server.url, id, issueTicket(`${SECRET}-other`, { uid: cast.editor.id, sv: 1, aid: id }));
    clients.push(c);
    await until(() => c.events.authFailed.length > 0, 10_000, "refusal");
    expect(c.provider.isSynced).toBe(false);
  });
});
