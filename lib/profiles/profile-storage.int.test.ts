/**
 * A profile photo stored in S3 (a real s3rver on 127.0.0.1): the saved profile points at an
 * object that exists; with the store down the save is refused with a clear message and nothing
 * is written, so no row ever points at a missing object.
 */
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getAuthorProfile } from "@/db/queries/profiles";
import { insertUser } from "@/db/queries/users";
import { media } from "@/db/schema";
import { STORAGE_DOWN } from "@/lib/images/upload";
import { s3ConfigFromEnv, S3Storage } from "@/lib/storage";
import { createTestDb, type TestDb } from "@/testing/db";
import { startS3, type TestS3 } from "@/testing/s3";

import { updateProfile } from "./profile";

let t: TestDb;
let s3: TestS3;
const claire = { id: "", role: "journalist" as const, active: true };
const profile = { displayName: "Claire Martin", slug: "claire-martin", jobTitle: "", bio: "", bioLanguage: "fr", location: "", links: [] };
const file = (data: Buffer) => ({ size: data.length, arrayBuffer: async () => new Uint8Array(data).buffer });
const photo = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: "#c33" } })
    .png()
    .toBuffer();

beforeAll(async () => {
  s3 = await startS3();
  Object.assign(process.env, s3.env);
  t = await createTestDb();
  claire.id = (await insertUser({ db: t.db, email: "c@example.org", name: "Claire Martin", role: "journalist", passwordHash: null })).id;
});
afterAll(async () => {
  await t?.drop();
  await s3?.stop();
});

describe("profile photos in S3", () => {
  it("the saved photo is an object in the bucket, recorded once in media", async () => {
    const r = await updateProfile(t.db, claire, { userId: claire.id, profile, photo: file(await photo()) });
    expect(r.ok).toBe(true);
    const { photoPath } = (await getAuthorProfile({ db: t.db, userId: claire.id }))!;
    expect(photoPath).toMatch(/^\/uploads\/[a-z0-9-]+\.webp$/);
    const object = await new S3Storage(s3ConfigFromEnv(s3.env)).get(photoPath!.replace("/uploads/", ""));
    expect(object?.contentType).toBe("image/webp");
    expect((await sharp(object!.data).metadata()).format).toBe("webp");
    expect(await t.db.select().from(media).where(eq(media.path, photoPath!))).toHaveLength(1);
  });

  it("with the store down the save is refused at the photo field and nothing is written", async () => {
    const before = await getAuthorProfile({ db: t.db, userId: claire.id });
    const mediaBefore = await t.db.select().from(media);
    await s3.stop();
    const r = await updateProfile(t.db, claire, { userId: claire.id, profile: { ...profile, jobTitle: "Reporter" }, photo: file(await photo()) });
    expect(r).toMatchObject({ ok: false, code: "invalid", fieldErrors: { photo: [STORAGE_DOWN] } });
    expect(await getAuthorProfile({ db: t.db, userId: claire.id })).toEqual(before);
    expect(await t.db.select().from(media)).toEqual(mediaBefore);
  });
});
