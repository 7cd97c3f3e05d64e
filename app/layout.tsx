import type { Metadata, Viewport } from "next";
import { connection } from "next/server";

import { siteLanguage } from "@/lib/i18n/site";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Newsroom", template: "%s · Newsroom" },
  description: "Newsroom — editorial platform",
  ...(process.env.SITE_URL ? { metadataBase: new URL(process.env.SITE_URL) } : {}),
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

// <html lang> is the site language, a setting read per request (through the public data cache):
// connection() keeps `next build` from prerendering any page with the build machine's database.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang={await siteLanguage()}>
      <body className="flex min-h-screen flex-col font-sans">{children}</body>
    </html>
  );
}
