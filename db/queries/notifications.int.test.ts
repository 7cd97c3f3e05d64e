import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { countUnreadNotifications, insertNotifications, listNotifications, markNotificationsRead } from "@/db/queries/notifications";
import { notifications } from "@/db/schema";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeCast, type Cast } from "@/testing/workflow-fixtures";

/** Marking notifications read: one by one or all, and only ever the signed-in user's own. */
let t: TestDb;
let cast: Cast;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "nt-");
}, 60_000);
afterAll(async () => t?.drop());

const note = (userId: string, message: string) => ({ userId, type: "comment", message });

describe(`marking notifications read (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("marks one of the user's own by its id, leaves their others and never touches another user's", async () => {
    await insertNotifications({ db: t.db, rows: [note(cast.claire.id, "first"), note(cast.claire.id, "second"), note(cast.yanis.id, "yanis's")] });
    const claire = await listNotifications({ db: t.db, user: cast.claire });
    const first = claire.find((n) => n.message === "first")!;
    const [yanisNote] = await listNotifications({ db: t.db, user: cast.yanis });
    expect(await countUnreadNotifications({ db: t.db, user: cast.claire })).toBe(2);

    await markNotificationsRead({ db: t.db, userId: cast.claire.id, id: first.id });
    const after = await listNotifications({ db: t.db, user: cast.claire });
    expect(after.find((n) => n.message === "first")!.readAt).not.toBeNull();
    expect(after.find((n) => n.message === "second")!.readAt).toBeNull();
    expect(await countUnreadNotifications({ db: t.db, user: cast.claire })).toBe(1);

    // Claire sending Yanis's id (a forged form) changes nothing.
    await markNotificationsRead({ db: t.db, userId: cast.claire.id, id: yanisNote.id });
    const [row] = await t.db.select().from(notifications).where(eq(notifications.id, yanisNote.id));
    expect(row.readAt).toBeNull();

    // A notification read once keeps the time it was first read.
    const readAt = after.find((n) => n.message === "first")!.readAt!;
    await markNotificationsRead({ db: t.db, userId: cast.claire.id, id: first.id });
    const [again] = await t.db.select().from(notifications).where(eq(notifications.id, first.id));
    expect(again.readAt!.getTime()).toBe(readAt.getTime());

    // "Mark all as read" takes the rest of hers, still none of his.
    await markNotificationsRead({ db: t.db, userId: cast.claire.id });
    expect(await countUnreadNotifications({ db: t.db, user: cast.claire })).toBe(0);
    expect(await countUnreadNotifications({ db: t.db, user: cast.yanis })).toBe(1);
  });
});
