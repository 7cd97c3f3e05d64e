import "server-only";

/** Mail is on when SMTP_URL is set (e.g. smtp://user:pass@mail.example.org:587). */
export function mailConfig(): { url: string; from: string } | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  return { url, from: process.env.MAIL_FROM || "Newsroom <newsroom@localhost>" };
}

/** Absolute links in mail when the public address is known (APP_URL or AUTH_URL). */
export function appLink(path: string): string {
  const base = process.env.APP_URL || process.env.AUTH_URL || "";
  return base ? new URL(path, base).toString() : path;
}
