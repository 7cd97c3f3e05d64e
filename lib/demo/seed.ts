import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";

import type { Db } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { updateAuthorProfile } from "@/db/queries/profiles";
import { getUserByEmail, insertUser } from "@/db/queries/users";
import { articles, comments, sections, users } from "@/db/schema";
import { createArticle, cutRevision, makeLive } from "@/lib/articles/store";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/password";
import { storeImage } from "@/lib/images/upload";
import { docFromParagraphs } from "@/lib/rich-text/body";
import type { Role } from "@/lib/roles";

import { DEMO_ARTICLES, DEMO_SECTIONS, DEMO_USERS } from "./content";
import { demoIllustration, demoPortrait } from "./images";

export type DemoCredential = { email: string; password: string; role: string; name: string };
export type DemoKey = (typeof DEMO_USERS)[number]["key"];
export type DemoPasswords = Map<DemoKey, string>;

/**
 * The demo accounts' passwords: never constants in the source (a demo reachable by others
 * would have a publicly known admin password). Random for each account unless DEMO_PASSWORDS
 * supplies them, as `admin=…,editor=…,claire=…,yanis=…` (the test harnesses do, so the suites
 * know them); an account it leaves out gets a random one.
 */
export function demoPasswords(spec: string | undefined = process.env.DEMO_PASSWORDS): DemoPasswords {
  const given = new Map<string, string>();
  for (const part of (spec ?? "").split(",").filter((p) => p.trim())) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const password = part.slice(eq + 1);
    if (eq < 1 || !DEMO_USERS.some((u) => u.key === key))
      throw new Error(`DEMO_PASSWORDS: "${key || part}" is not a demo account (${DEMO_USERS.map((u) => u.key).join(", ")})`);
    if (password.length < 10) throw new Error(`DEMO_PASSWORDS: the password for ${key} must be at least 10 characters`);
    given.set(key, password);
  }
  return new Map(DEMO_USERS.map((u) => [u.key, given.get(u.key) ?? generatePassword()]));
}

function credentialsOf(passwords: DemoPasswords): DemoCredential[] {
  return DEMO_USERS.map((u) => ({ email: u.email, password: passwords.get(u.key) ?? "", role: u.role, name: u.name }));
}

/**
 * Seeds the demo newsroom once: four users, three sections and articles in every workflow
 * state. Does nothing when the database already has users, so restarts keep their data.
 */
export async function seedDemo(
  db: Db,
  passwords: DemoPasswords = demoPasswords(),
  { images = true }: { images?: boolean } = {},
): Promise<{ seeded: boolean; credentials: DemoCredential[] }> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (Number(count) > 0) return { seeded: false, credentials: [] };
  const credentials = credentialsOf(passwords);

  const hashes = await Promise.all(credentials.map((c) => hashPassword(c.password)));
  const ids = new Map<string, string>();
  for (const [i, u] of DEMO_USERS.entries()) {
    const user = await insertUser({
      db,
      email: u.email,
      name: u.name,
      role: u.role as Role,
      passwordHash: hashes[i],
      profile: {
        jobTitle: u.jobTitle,
        bio: u.bio,
        bioLanguage: u.bioLanguage,
        location: "location" in u ? u.location : "",
        links: "links" in u ? [...u.links] : [],
      },
    });
    ids.set(u.key, user.id);
    // Yanis has no photo: the pages must look right without one.
    if (images && u.key !== "yanis") {
      const photo = await upload(await demoPortrait({ seed: u.key, name: u.name, size: 400 }), 400);
      await updateAuthorProfile({ db, userId: user.id, set: { photoPath: photo } });
    }
  }
  const sectionRows = await db
    .insert(sections)
    .values(DEMO_SECTIONS.map((s, position) => ({ ...s, position })))
    .returning();
  const sectionId = new Map(sectionRows.map((s) => [s.slug, s.id]));
  const editorId = ids.get("editor")!;

  for (const demo of DEMO_ARTICLES) {
    const authorId = ids.get(demo.author)!;
    const article = await createArticle(db, {
      createdById: authorId,
      headline: demo.headline,
      dek: demo.dek,
      language: demo.language,
      sectionId: sectionId.get(demo.section),
      highlights: demo.highlights,
      body: docFromParagraphs(demo.paragraphs),
      tags: demo.tags,
      authorIds: (demo.coAuthors ?? []).map((k) => ids.get(k)!),
    });
    const picture = images ? DEMO_PICTURES[demo.key] : undefined;
    if (picture) {
      const section = DEMO_SECTIONS.find((s) => s.slug === demo.section)?.name ?? "";
      const png = await demoIllustration({ seed: demo.key, label: `${section} — illustration`, width: picture.width, height: picture.height });
      const src = await upload(png, 1280);
      await db
        .update(articles)
        .set({ featuredImage: { src, alt: picture.alt, caption: picture.caption, credit: "Illustration Newsroom" } })
        .where(eq(articles.id, article.id));
    }
    await db.transaction(async (tx) => {
      const at = demo.publishedHoursAgo ? new Date(Date.now() - demo.publishedHoursAgo * 3_600_000) : new Date();
      const submittedAt = new Date(at.getTime() - 3_600_000);
      const move = async (from: string, to: string, by: string, comment?: string) => {
        await insertEvent({ db: tx, event: { type: "article.transition", actorId: by, articleId: article.id, fromStatus: from, toStatus: to, comment } });
      };
      if (demo.state === "draft") return;
      await cutRevision(tx, article.id, { reason: "submit", actorId: authorId });
      await move("draft", "in_review", authorId);
      await tx.update(articles).set({ status: "in_review", submittedAt }).where(eq(articles.id, article.id));
      if (demo.state === "in_review") return;
      if (demo.state === "changes_requested") {
        const note = "Merci d’ajouter une source pour les chiffres du deuxième paragraphe.";
        await cutRevision(tx, article.id, { reason: "request_changes", actorId: editorId });
        await move("in_review", "changes_requested", editorId, note);
        await tx.insert(comments).values({ articleId: article.id, authorId: editorId, kind: "request_changes", body: note });
        await tx.update(articles).set({ status: "changes_requested" }).where(eq(articles.id, article.id));
        return;
      }
      if (demo.state === "approved") {
        await cutRevision(tx, article.id, { reason: "approve", actorId: editorId });
        await move("in_review", "approved", editorId);
        await tx.update(articles).set({ status: "approved" }).where(eq(articles.id, article.id));
        return;
      }
      await makeLive(tx, article.id, { actorId: editorId, now: at });
      await move("in_review", "published", editorId);
      if (demo.state === "unpublished") {
        const reason = "Chiffres à vérifier avec l’Insee.";
        await cutRevision(tx, article.id, { reason: "unpublish", actorId: editorId, note: reason });
        await move("published", "unpublished", editorId, reason);
        await tx.update(articles).set({ status: "unpublished" }).where(eq(articles.id, article.id));
      }
    });
  }
  return { seeded: true, credentials };
}

/**
 * Featured images of the demo articles: a wide one, a tall one (portrait photos happen), and
 * none for the English piece, so the pages show both cases.
 */
const DEMO_PICTURES: Record<string, { width: number; height: number; alt: string; caption: string }> = {
  typical: { width: 1280, height: 800, alt: "Silhouettes d’immeubles sous un ciel orangé", caption: "Une ville la nuit tombante (illustration)." },
  energy: {
    width: 900,
    height: 1200,
    alt: "Collines et pylônes au lever du soleil, en format vertical",
    caption: "Le réseau électrique vu des collines (illustration).",
  },
  approved: { width: 1280, height: 720, alt: "Entrepôts et collines sous un ciel vert pâle", caption: "Une plateforme logistique (illustration)." },
};

async function upload(png: Buffer, maxWidth: number): Promise<string> {
  const stored = await storeImage(
    { size: png.length, arrayBuffer: async () => png.buffer.slice(png.byteOffset, png.byteOffset + png.length) as ArrayBuffer },
    maxWidth,
  );
  if (!stored.ok) throw new Error(`Demo image: ${stored.error}`);
  return stored.url;
}

export function formatCredentials(credentials: (DemoCredential & { changed?: boolean })[]): string {
  if (credentials.length === 0) return "  (none)";
  const width = Math.max(...credentials.map((c) => c.email.length));
  return credentials
    .map((c) => `  ${c.role.padEnd(10)} ${c.email.padEnd(width)}  ${c.changed ? "(password changed since; not shown)" : c.password}   (${c.name})`)
    .join("\n");
}

/** Where the embedded database's demo passwords are kept between starts: beside its folder, owner-only. */
export function demoPasswordsFile(pgliteDir: string): string {
  const dir = path.resolve(pgliteDir);
  return path.join(path.dirname(dir), `${path.basename(dir)}-demo-passwords.json`);
}

export function saveDemoPasswords(file: string, credentials: DemoCredential[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(credentials.map((c) => [c.email, c.password])), null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function readDemoPasswords(file: string | null): Record<string, string> {
  if (!file || !existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return data && typeof data === "object" ? (data as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export type DemoAccountState = DemoCredential & { changed: boolean; renewed: boolean };

/**
 * On a restart (the demo already seeded): the demo accounts whose password is still the one kept
 * in `file` (or given in DEMO_PASSWORDS) are shown with it; one changed since is shown as
 * changed, without a password. An account still on the publicly known password of earlier
 * versions (`demo-<key>-pass`) gets a new random one, and its sessions end.
 */
export async function demoAccountsOnRestart(db: Db, file: string | null, fresh: DemoPasswords = demoPasswords()): Promise<DemoAccountState[]> {
  const stored = readDemoPasswords(file);
  const supplied = process.env.DEMO_PASSWORDS ? fresh : new Map<DemoKey, string>();
  const states = await Promise.all(
    DEMO_USERS.map(async (u): Promise<DemoAccountState | null> => {
      const user = await getUserByEmail({ db, email: u.email });
      if (!user?.passwordHash) return null;
      const base = { email: u.email, role: u.role, name: u.name };
      for (const candidate of [stored[u.email], supplied.get(u.key)]) {
        if (candidate && (await verifyPassword(candidate, user.passwordHash))) return { ...base, password: candidate, changed: false, renewed: false };
      }
      // Only ever compared against, to retire it: the constant password of versions before #19.
      if (await verifyPassword(`demo-${u.key}-pass`, user.passwordHash)) {
        const password = fresh.get(u.key) ?? generatePassword();
        await db
          .update(users)
          .set({ passwordHash: await hashPassword(password), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
          .where(eq(users.id, user.id));
        return { ...base, password, changed: false, renewed: true };
      }
      return { ...base, password: "", changed: true, renewed: false };
    }),
  );
  return states.filter((s): s is DemoAccountState => s !== null);
}
