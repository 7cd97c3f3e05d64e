import "server-only";

/**
 * Account mail (invitations, password resets), sent straight through SMTP_URL. It is sent after
 * the change is committed and a failure is only reported: the admin always sees the link too.
 */
export async function sendAccountMail(mail: { to: string; subject: string; text: string }): Promise<"sent" | "not_configured" | "failed"> {
  const url = process.env.SMTP_URL;
  if (!url) return "not_configured";
  try {
    const { createTransport } = await import("nodemailer");
    const transport = createTransport(url);
    await transport.sendMail({ from: process.env.MAIL_FROM || "Newsroom <no-reply@newsroom.invalid>", ...mail });
    return "sent";
  } catch (error) {
    console.warn("account mail to", mail.to, "failed:", (error as Error).message);
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
