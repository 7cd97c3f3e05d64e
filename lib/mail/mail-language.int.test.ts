import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { upsertUserPreferences } from "@/db/queries/preferences";
import { notifications } from "@/db/schema";
import { notificationText } from "@/lib/notifications/messages";
import { setSetting } from "@/lib/settings";
import { accountLinkMailFor, sendAccountMail } from "@/lib/users/mail";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { deliverDueMail } from "./worker";

type Received = { to: string; subject: string; text: string };

/** RFC 2047 words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) of a header, decoded. */
function decodeWords(header: string): string {
  return header.replace(/\?=\s+=\?/g, "?==?").replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(
          data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** The subject and the text of a raw single-part message, whatever transfer encoding nodemailer chose. */
function parse(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const subject = decodeWords(/^Subject: (.*)$/im.exec(unfolded)?.[1] ?? "");
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(unfolded)?.[1].trim().toLowerCase();
  const body = rest.join("\n\n");
  const text =
    encoding === "base64"
      ? Buffer.from(body, "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(
            body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8")
        : body;
  return { subject, text };
}

/** A real SMTP peer: nodemailer speaks the protocol to it over TCP. */
async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        for (const address of to) received.push({ to: address, ...parse(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  return { server, port: (server.server.address() as AddressInfo).port, received };
}
const stop = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

let t: TestDb;
let cast: Cast;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const savedUrl = process.env.SMTP_URL;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "lang-");
  smtp = await startSmtp();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  // editor reads the newsroom in French, editor2 in English; the admin chose nothing (the site language).
  await upsertUserPreferences({ db: t.db, userId: cast.editor.id, values: { interfaceLanguage: "fr", typographyAsYouType: true } });
  await upsertUserPreferences({ db: t.db, userId: cast.editor2.id, values: { interfaceLanguage: "en", typographyAsYouType: true } });
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedUrl;
  await stop(smtp.server);
  await t?.drop();
});

const mailTo = (email: string) => smtp.received.filter((m) => m.to === email);

describe(`mail and notifications in the recipient's language (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("a submission mails the French-preferring editor in French, the English one in English, the others in the site language", async () => {
    await setSetting(t.db, "siteLanguage", "fr");
    const a = await makeArticle(t.db, cast.claire.id, "Enquête sur les ports");
    expect(await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, { revalidate: noRevalidate })).toMatchObject({ ok: true });
    expect(await deliverDueMail(t.db, { from: "newsroom@example.test" })).toEqual({ sent: 3, failed: 0 });

    const [fr] = mailTo(cast.editor.email);
    expect(fr.subject).toBe("[Newsroom] Claire lang- a soumis « Enquête sur les ports » pour relecture");
    expect(fr.text).toContain("Claire lang- a soumis « Enquête sur les ports » pour relecture");
    const [en] = mailTo(cast.editor2.email);
    expect(en.subject).toBe("[Newsroom] Claire lang- submitted “Enquête sur les ports” for review");
    expect(en.text).toContain("submitted “Enquête sur les ports” for review");
    // No choice of their own: the site language (French here).
    expect(mailTo(cast.admin.email)[0].subject).toContain("a soumis « Enquête sur les ports »");
  });

  it("a notification is stored as a sentence each reader sees in their own language, and old English rows still show", async () => {
    const a = await makeArticle(t.db, cast.claire.id, "Le port de Brest");
    await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, { revalidate: noRevalidate });
    const r = await runTransition(t.db, cast.editor, { articleId: a.id, action: "request_changes", comment: "Sources ?" }, { revalidate: noRevalidate });
    expect(r).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(notifications).where(eq(notifications.userId, cast.claire.id));
    // Created by a French-speaking editor, kept in English for tools, shown in each reader's language.
    expect(row.message).toBe("Editor lang- requested changes to “Le port de Brest”: Sources ?");
    expect(notificationText(row, "en", "Europe/Paris")).toBe("Editor lang- requested changes to “Le port de Brest”: Sources ?");
    expect(notificationText(row, "fr", "Europe/Paris")).toBe("Editor lang- a demandé des modifications à « Le port de Brest » : Sources ?");
    // A row written before notifications were translated has no data: its English sentence shows.
    expect(notificationText({ message: "Old sentence", data: null }, "fr", "Europe/Paris")).toBe("Old sentence");
  });

  it("a scheduled time is written in the reader's words and the newsroom's time zone", async () => {
    const row = { message: "", data: { key: "scheduled", params: { actor: null, scheduler: null, title: "", when: "2026-12-01T08:30:00.000Z" } } };
    expect(notificationText(row, "fr", "Europe/Paris")).toBe("Quelqu’un a programmé « Sans titre » pour le 1 décembre 2026 à 09:30");
    expect(notificationText(row, "en", "Europe/Paris")).toBe("Someone scheduled “Untitled” for December 1, 2026 at 9:30 AM");
  });

  it("invitation and reset mails go out in the recipient's language", async () => {
    await setSetting(t.db, "siteLanguage", "en");
    const expiresAt = new Date("2026-12-02T10:00:00Z");
    const fr = await accountLinkMailFor(t.db, { userId: cast.editor.id, name: "Éva", link: "http://x.test/set-password?token=a", purpose: "reset", expiresAt });
    expect(await sendAccountMail({ to: "reset-fr@example.test", ...fr })).toBe("sent");
    const en = await accountLinkMailFor(t.db, {
      userId: cast.yanis.id,
      name: "Yanis",
      link: "http://x.test/set-password?token=b",
      purpose: "invite",
      expiresAt,
    });
    expect(await sendAccountMail({ to: "invite-en@example.test", ...en })).toBe("sent");

    const [frMail] = mailTo("reset-fr@example.test");
    expect(frMail.subject).toBe("Choisissez un nouveau mot de passe");
    expect(frMail.text).toContain("Bonjour Éva,");
    expect(frMail.text).toContain("Un administrateur a réinitialisé votre mot de passe.");
    expect(frMail.text).toContain("http://x.test/set-password?token=a");
    const [enMail] = mailTo("invite-en@example.test");
    expect(enMail.subject).toBe("Your newsroom account");
    expect(enMail.text).toContain("Hello Yanis,\n\nYou have been invited to the newsroom. Choose your password here");
  });
});
