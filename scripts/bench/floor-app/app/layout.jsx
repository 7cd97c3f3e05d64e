import Link from "next/link";

export const metadata = { title: "Floor" };

export default function RootLayout({ children }) {
  return (
    <html lang="fr">
      <body>
        <header>
          <Link href="/" prefetch={false}>
            Floor
          </Link>
        </header>
        <main>{children}</main>
        <footer>Floor</footer>
      </body>
    </html>
  );
}
