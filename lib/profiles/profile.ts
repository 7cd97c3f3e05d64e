import "server-only";

import type { Db } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { insertMedia } from "@/db/queries/media";
import { getAuthorProfile, getAuthorProfileBySlug, updateAuthorProfile } from "@/db/queries/profiles";
import { upsertSlugRedirect } from "@/db/queries/slug-redirects";
import { denied, fieldErrorsOf } from "@/lib/actions/result";
import { storeImage } from "@/lib/images/upload";
import { canEditProfile, type PolicyUser } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";
import type { Result } from "@/lib/users/manage";

import { profileSchema, type ProfileInput } from "./validation";

export type UploadedFile = { arrayBuffer(): Promise<ArrayBuffer>; size: number };
export type Saved = { slug: string };

const INVALID = "Please correct the highlighted fields.";
const TAKEN = { slug: ["This slug is already used by another author."] };

/**
 * Saves an author profile: policy first, then every field validated, then the photo (checked by
 * content, re-encoded), then one transaction. Nothing is written when any of it fails.
 */
export async function updateProfile(
  db: Db,
  actor: PolicyUser,
  input: { userId: string; profile: ProfileInput; photo?: UploadedFile | null },
): Promise<Result<Saved>> {
  const allowed = canEditProfile(actor, input.userId);
  if (!allowed.ok) return denied(allowed);
  const current = await getAuthorProfile({ db, userId: input.userId });
  if (!current) return { ok: false, code: "not_found", message: "This profile does not exist." };
  const parsed = profileSchema.safeParse(withoutNul(input.profile));
  if (!parsed.success) return { ok: false, code: "invalid", message: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  const holder = await getAuthorProfileBySlug({ db, slug: data.slug });
  if (holder && holder.userId !== input.userId) return { ok: false, code: "invalid", message: INVALID, fieldErrors: TAKEN };

  let photo: { path: string; width: number; height: number; bytes: number; mimeType: string } | null = null;
  if (input.photo && input.photo.size > 0) {
    const stored = await storeImage(input.photo, 800);
    if (!stored.ok) return { ok: false, code: "invalid", message: INVALID, fieldErrors: { photo: [stored.error] } };
    photo = { path: stored.url, width: stored.width, height: stored.height, bytes: stored.bytes, mimeType: stored.mimeType };
  }

  try {
    await db.transaction(async (tx) => {
      if (photo) await insertMedia({ db: tx, ...photo, uploadedById: actor.id });
      await updateAuthorProfile({ db: tx, userId: input.userId, set: { ...data, ...(photo ? { photoPath: photo.path } : {}), updatedAt: new Date() } });
      // The old /authors/<slug> keeps working for links and bookmarks.
      if (data.slug !== current.slug) await upsertSlugRedirect({ db: tx, kind: "author", oldSlug: current.slug, targetId: input.userId });
      await insertEvent({
        db: tx,
        event: {
          type: "profile.updated",
          actorId: actor.id,
          subjectUserId: input.userId,
          data: { slug: data.slug, ...(data.slug !== current.slug ? { oldSlug: current.slug } : {}), photo: Boolean(photo) },
        },
      });
    });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
    if (code === "23505") return { ok: false, code: "invalid", message: INVALID, fieldErrors: TAKEN };
    throw error;
  }
  return { ok: true, data: { slug: data.slug } };
}
