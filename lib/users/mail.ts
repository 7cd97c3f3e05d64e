import "server-only";

import { mailConfig } from "@/lib/mail/config";
import { smtpTransport } from "@/lib/mail/worker";
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

export function accountLinkMail(p: { name: string; link: string; purpose: "invite" | "reset"; expiresAt: Date }) {
  const what = p.purpose === "invite" ? "You have been invited to the newsroom." : "An admin has reset your newsroom password.";
  return {
    subject: p.purpose === "invite" ? "Your newsroom account" : "Set a new newsroom password",
    text: `Hello ${p.name},\n\n${what} Choose your password here (the link works once, until ${p.expiresAt.toUTCString()}):\n\n${p.link}\n`,
  };
}
