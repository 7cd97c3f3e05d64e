import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Newsroom", template: "%s · Newsroom" },
  description: "Newsroom — editorial platform",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang={process.env.SITE_LANGUAGE === "en" ? "en" : "fr"}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
