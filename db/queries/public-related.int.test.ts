import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as q from "@/db/queries/public";
import { insertUser } from "@/db/queries/users";
import { articles, sections } from "@/db/schema";
import { createArticle, makeLive } from "@/lib/articles/store";
import { createTestDb, type TestDb } from "@/testing/db";

let t: TestDb;
const ids = new Map<string, string>();
const HOUR = 3_600_000;
const base = Date.now() - 100 * HOUR;

/**
 * Section "a": a1 < a2 (draft) < a3 < a4 (unpublished) < a5 by publication time; section "b": b1.
 * Tags: a1, a3 and b1 share "ports"; b1 and a5 share "energie"; b2 (section b) has nothing in common.
 */
const FIXTURE = [
  { key: "a1", section: "a", tags: ["Ports"], hours: 1, state: "published" },
  { key: "a2", section: "a", tags: ["Ports"], hours: 2, state: "draft" },
  { key: "a3", section: "a", tags: ["Ports", "Fret"], hours: 3, state: "published" },
  { key: "a4", section: "a", tags: ["Ports", "Fret"], hours: 4, state: "unpublished" },
  { key: "a5", section: "a", tags: ["Énergie"], hours: 5, state: "published" },
  { key: "b1", section: "b", tags: ["Ports", "Fret", "Énergie"], hours: 6, state: "published" },
  { key: "b2", section: "b", tags: ["Bourse"], hours: 7, state: "published" },
  { key: "n1", section: null, tags: [], hours: 8, state: "published" },
] as const;

beforeAll(async () => {
  t = await createTestDb();
  const user = await insertUser({ db: t.db, email: "rel@newsroom.test", name: "Rel Author", role: "editor", passwordHash: null });
  const rows = await t.db
    .insert(sections)
    .values([
      { name: "Section A", slug: "a", position: 0 },
      { name: "Section B", slug: "b", position: 1 },
    ])
    .returning();
  const sectionId = new Map(rows.map((s) => [s.slug, s.id]));
  for (const f of FIXTURE) {
    const article = await createArticle(t.db, {
      createdById: user.id,
      headline: `Article ${f.key}`,
      sectionId: f.section ? sectionId.get(f.section) : null,
      tags: [...f.tags],
    });
    ids.set(f.key, article.id);
    if (f.state === "draft") continue;
    await t.db.transaction((tx) => makeLive(tx, article.id, { actorId: user.id, now: new Date(base + f.hours * HOUR) }));
    if (f.state === "unpublished") await t.db.update(articles).set({ status: "unpublished" }).where(eq(articles.id, article.id));
  }
});
afterAll(async () => {
  await t?.drop();
});

const keyOf = (id: string | undefined) => [...ids].find(([, v]) => v === id)?.[0];

describe(`related articles and section neighbours (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("relate by shared tags first, then by section, published only", async () => {
    const related = await q.listRelatedArticles({ db: t.db, articleId: ids.get("a3")!, limit: 10 });
    // b1 shares two tags (4), a1 one tag and the section (3), a5 the section only (1); the draft a2,
    // the unpublished a4, b2 (nothing shared) and a3 itself never appear.
    expect(related.map((r) => keyOf(r.id))).toEqual(["b1", "a1", "a5"]);
  });

  it("relate an article without a section or tags to nothing", async () => {
    expect(await q.listRelatedArticles({ db: t.db, articleId: ids.get("n1")!, limit: 10 })).toEqual([]);
  });

  it("give the previous and next published article in the same section, skipping drafts and unpublished ones", async () => {
    const middle = await q.getSectionNeighbours({ db: t.db, articleId: ids.get("a3")! });
    expect(keyOf(middle.previous?.id)).toBe("a1");
    expect(keyOf(middle.next?.id)).toBe("a5");
    const first = await q.getSectionNeighbours({ db: t.db, articleId: ids.get("a1")! });
    expect(first.previous).toBeNull();
    expect(keyOf(first.next?.id)).toBe("a3");
    const last = await q.getSectionNeighbours({ db: t.db, articleId: ids.get("a5")! });
    expect(keyOf(last.previous?.id)).toBe("a3");
    expect(last.next).toBeNull();
    const other = await q.getSectionNeighbours({ db: t.db, articleId: ids.get("b2")! });
    expect(keyOf(other.previous?.id)).toBe("b1");
    expect(other.next).toBeNull();
  });

  it("give no neighbours to an article without a section, nor to one that is not published", async () => {
    expect(await q.getSectionNeighbours({ db: t.db, articleId: ids.get("n1")! })).toEqual({ previous: null, next: null });
    expect(await q.getSectionNeighbours({ db: t.db, articleId: ids.get("a4")! })).toEqual({ previous: null, next: null });
    expect(await q.getSectionNeighbours({ db: t.db, articleId: ids.get("a2")! })).toEqual({ previous: null, next: null });
  });
});
