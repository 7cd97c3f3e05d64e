/** Publishing with suggestions pending: the published revision (body, HTML, search text) is the public projection. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { updateArticle } from "@/db/queries/articles";
import type { TiptapDoc } from "@/db/schema";
import { makeLive } from "@/lib/articles/store";
import { pendingSuggestionCount } from "@/lib/rich-text/suggestions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

let t: TestDb;
let cast: Cast;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "suggest-pub-");
});
afterAll(async () => t?.drop());

const who = (id: string) => ({ id, authorId: "u1", authorName: "<b>Marc</b>", at: "2026-11-29T10:00:00.000Z" });

describe("publishing with pending suggestions", () => {
  it("publishes the text without pending insertions and with pending deletions; the working copy keeps them", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const body: TiptapDoc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Le maire a dit non " },
            { type: "text", text: "hier ", marks: [{ type: "deletion", attrs: who("d1") }] },
            { type: "text", text: "URGENT ", marks: [{ type: "insertion", attrs: who("i1") }] },
            { type: "text", text: "soir." },
          ],
        },
      ],
    };
    await updateArticle({ db: t.db, id: a.id, set: { body } });
    const revision = await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: cast.editor.id }));
    expect(revision.bodyHtml).toBe("<p>Le maire a dit non hier soir.</p>");
    expect(JSON.stringify(revision.body)).not.toMatch(/insertion|deletion|URGENT|Marc/);
    expect(pendingSuggestionCount(revision.body)).toBe(0);
    expect(pendingSuggestionCount((await articleRow(t.db, a.id)).body)).toBe(2);
  });
});
