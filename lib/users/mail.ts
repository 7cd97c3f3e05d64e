import "server-only";

import { createFormatter, createTranslator } from "use-intl/core";

import type { Tx } from "@/db";
import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";
import { mailConfig } from "@/lib/mail/config";
import { smtpTransport } from "@/lib/mail/worker";
import { recipientLocales } from "@/lib/notifications/store";
import { logger } from "@/lib/observability/log.mjs";

/**
 * Account mail (invitations, password resets), sent straight through SMTP_URL after the change
 * is committed; a failure is only reported, and the admin always sees the link too. Unlike
 * notifications it does not go through the outbox: the link is a credential, and the outbox
 * would keep it in the database in clear (user_tokens keeps only its hash).
 */
export async function sendAccountMail(mail: { to: string; subject: string; text: string }): Promise<"sent" | "not_configured" | "failed"> {
  const config = mailConfig();
  if (!config) return "not_configured";
  try {
    const transport = await smtpTransport(config.url);
    await transport.sendMail({ from: config.from, ...mail });
    return "sent";
  } catch (error) {
    logger().warn({ to: mail.to, err: error }, "account mail failed");
    return "failed";
  }
}

/**
 * The invitation or reset mail, in the recipient's interface language (their choice, else the
 * site language: someone invited has none yet); the expiry in the newsroom's time zone.
 */
export function accountLinkMail(p: { name: string; link: string; purpose: "invite" | "reset"; expiresAt: Date; locale?: AppLocale; timeZone?: string }) {
  const locale = p.locale ?? "en";
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "emails.account" });
  const format = createFormatter({ locale, timeZone: p.timeZone ?? "UTC" });
  const until = format.dateTime(p.expiresAt, { dateStyle: "full", timeStyle: "long" });
  return {
    subject: p.purpose === "invite" ? t("inviteSubject") : t("resetSubject"),
    text: t("body", { name: p.name, what: p.purpose === "invite" ? t("invited") : t("reset"), until, link: p.link }),
  };
}

/** accountLinkMail in the language of the user it goes to. */
export async function accountLinkMailFor(db: Tx, p: { userId: string; name: string; link: string; purpose: "invite" | "reset"; expiresAt: Date }) {
  const { localeOf, timeZone } = await recipientLocales(db, [p.userId]);
  return accountLinkMail({ ...p, locale: localeOf(p.userId), timeZone });
}
