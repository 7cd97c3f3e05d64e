/** Author profiles on a real database: who may edit, every bad input refused at its field, photos. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getAuthorProfile } from "@/db/queries/profiles";
import { getSlugRedirectTarget } from "@/db/queries/slug-redirects";
import { insertUser } from "@/db/queries/users";
import { events, media } from "@/db/schema";
import type { FieldErrors } from "@/lib/actions/result";
import { createArticle, makeLive } from "@/lib/articles/store";
import { TOO_MANY_PIXELS } from "@/lib/images/limits";
import { translateFieldErrors } from "@/lib/validations/messages";
import { createTestDb, type TestDb } from "@/testing/db";

import { updateProfile } from "./profile";
import type { ProfileInput } from "./validation";

let t: TestDb;
const uploads = mkdtempSync(path.join(os.tmpdir(), "newsroom-uploads-"));
const claire = { id: "", role: "journalist" as const, active: true };
const yanis = { id: "", role: "journalist" as const, active: true };
const admin = { id: "", role: "admin" as const, active: true };

const base: ProfileInput = {
  displayName: "Claire Martin",
  slug: "claire-martin",
  jobTitle: "Journaliste",
  bio: "First paragraph.\r\n\r\nSecond paragraph.",
  bioLanguage: "en",
  location: "Paris",
  links: [{ label: "", url: "https://www.claire.example/" }],
};
const file = (data: Buffer) => ({ size: data.length, arrayBuffer: async () => new Uint8Array(data).buffer });

beforeAll(async () => {
  process.env.UPLOADS_DIR = uploads;
  t = await createTestDb();
  claire.id = (await insertUser({ db: t.db, email: "c@example.org", name: "Claire Martin", role: "journalist", passwordHash: null })).id;
  yanis.id = (await insertUser({ db: t.db, email: "y@example.org", name: "Yanis Bénali", role: "journalist", passwordHash: null })).id;
  admin.id = (await insertUser({ db: t.db, email: "a@example.org", name: "Admin", role: "admin", passwordHash: null })).id;
});
afterAll(async () => {
  await t?.drop();
  rmSync(uploads, { recursive: true, force: true });
});

describe("author profiles", () => {
  it("a journalist edits their own profile; the slug folds accents; the change is logged", async () => {
    const r = await updateProfile(t.db, claire, { userId: claire.id, profile: { ...base, slug: "Clàire Mârtin" } });
    expect(r).toMatchObject({ ok: true, data: { slug: "claire-martin" } });
    const p = await getAuthorProfile({ db: t.db, userId: claire.id });
    expect(p).toMatchObject({
      slug: "claire-martin",
      bio: "First paragraph.\n\nSecond paragraph.",
      bioLanguage: "en",
      links: [{ label: "claire.example", url: "https://www.claire.example/" }],
    });
    const logged = await t.db.select().from(events).where(eq(events.subjectUserId, claire.id));
    expect(logged.map((e) => e.type)).toContain("profile.updated");
  });

  it("a journalist cannot edit someone else's profile; an admin can", async () => {
    expect(await updateProfile(t.db, yanis, { userId: claire.id, profile: { ...base, displayName: "Hacked" } })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect((await getAuthorProfile({ db: t.db, userId: claire.id }))?.displayName).toBe("Claire Martin");
    expect((await updateProfile(t.db, admin, { userId: claire.id, profile: { ...base, jobTitle: "Cheffe de rubrique" } })).ok).toBe(true);
    expect((await getAuthorProfile({ db: t.db, userId: claire.id }))?.jobTitle).toBe("Cheffe de rubrique");
  });

  it("a former slug keeps leading to the author page", async () => {
    // Only a public author (one with a published byline) has a page to lead to.
    const a = await createArticle(t.db, { createdById: claire.id, headline: "Un article publié" });
    await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: admin.id }));
    expect((await updateProfile(t.db, claire, { userId: claire.id, profile: { ...base, slug: "claire-martin-paris" } })).ok).toBe(true);
    expect(await getSlugRedirectTarget({ db: t.db, kind: "author", oldSlug: "claire-martin" })).toBe("claire-martin-paris");
    expect((await updateProfile(t.db, claire, { userId: claire.id, profile: { ...base, slug: "claire-martin" } })).ok).toBe(true);
    expect(await getSlugRedirectTarget({ db: t.db, kind: "author", oldSlug: "claire-martin-paris" })).toBe("claire-martin");
    // Back at its old address: no redirect loop.
    expect(await getSlugRedirectTarget({ db: t.db, kind: "author", oldSlug: "claire-martin" })).toBeNull();
  });

  it("refuses each bad input at its field and writes nothing", async () => {
    const cases: [Partial<ProfileInput>, string][] = [
      [{ slug: "claire-martin" }, "slug"], // taken by Claire
      [{ links: [{ label: "x", url: "javascript:alert(1)" }] }, "links.0.url"],
      [{ links: [{ label: "x", url: "data:text/html,hi" }] }, "links.0.url"],
      [{ bio: "é".repeat(2001) }, "bio"],
      [{ bioLanguage: "français" }, "bioLanguage"],
      [{ displayName: "   " }, "displayName"],
      [{ slug: "!!!" }, "slug"],
    ];
    for (const [patch, field] of cases) {
      const r = await updateProfile(t.db, yanis, { userId: yanis.id, profile: { ...base, slug: "yanis-benali", displayName: "Yanis", ...patch } });
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}), field).toContain(field);
    }
    expect((await getAuthorProfile({ db: t.db, userId: yanis.id }))?.displayName).toBe("Yanis Bénali");
    expect(
      (await updateProfile(t.db, yanis, { userId: yanis.id, profile: { ...base, slug: "yanis-benali", displayName: "Yanis", bio: "é".repeat(2000) } })).ok,
    ).toBe(true);
  });

  it("accepts a real image (re-encoded, recorded in media) and refuses a fake or oversize one", async () => {
    const fake = await updateProfile(t.db, yanis, {
      userId: yanis.id,
      profile: { ...base, slug: "yanis-benali" },
      photo: file(Buffer.from("GIF89a<script>alert(1)</script>")),
    });
    expect(fake).toMatchObject({ ok: false, fieldErrors: { photo: ["This file is not a JPEG, PNG or WebP image."] } });
    const huge = { size: 11 * 1024 * 1024, arrayBuffer: async () => new ArrayBuffer(11 * 1024 * 1024) };
    expect(await updateProfile(t.db, yanis, { userId: yanis.id, profile: { ...base, slug: "yanis-benali" }, photo: huge })).toMatchObject({
      ok: false,
      fieldErrors: { photo: ["The image is larger than 10 MB."] },
    });
    // A real PNG whose header claims 30,000 × 30,000: refused for its pixels, not called "not an image";
    // and in French for a French newsroom.
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(30_000, 0);
    ihdr.writeUInt32BE(30_000, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(body));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      return Buffer.concat([length, body, crc]);
    };
    const giant = Buffer.concat([
      Buffer.from("89504e470d0a1a0a", "hex"),
      chunk("IHDR", ihdr),
      chunk("IDAT", zlib.deflateSync(Buffer.alloc(64))),
      chunk("IEND", Buffer.alloc(0)),
    ]);
    const tooBig = await updateProfile(t.db, yanis, { userId: yanis.id, profile: { ...base, slug: "yanis-benali" }, photo: file(giant) });
    expect(tooBig).toMatchObject({ ok: false, fieldErrors: { photo: [TOO_MANY_PIXELS] } });
    expect(translateFieldErrors((tooBig as { fieldErrors: FieldErrors }).fieldErrors, "fr")).toEqual({
      photo: ["L’image a trop de pixels : 50 mégapixels au plus (8 000 × 6 000, par exemple)."],
    });
    expect(translateFieldErrors((fake as { fieldErrors: FieldErrors }).fieldErrors, "fr")).toEqual({
      photo: ["Ce fichier n’est pas une image JPEG, PNG ou WebP."],
    });
    expect(await t.db.select().from(media)).toHaveLength(0);

    const png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#c33" } })
      .png()
      .toBuffer();
    const r = await updateProfile(t.db, yanis, { userId: yanis.id, profile: { ...base, slug: "yanis-benali" }, photo: file(png) });
    expect(r.ok).toBe(true);
    const p = await getAuthorProfile({ db: t.db, userId: yanis.id });
    expect(p?.photoPath).toMatch(/^\/uploads\/[a-z0-9-]+\.webp$/);
    const [m] = await t.db.select().from(media);
    expect(m).toMatchObject({ path: p?.photoPath, mimeType: "image/webp", width: 800, uploadedById: yanis.id });
  });
});
