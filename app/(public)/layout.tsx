import { connection } from "next/server";

import { PublicChrome } from "@/components/public/public-chrome";

// Public pages render per request from cached data (lib/cache/public-data.ts): connection()
// keeps `next build` away from the database, the data cache keeps requests away from it.
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return <PublicChrome>{children}</PublicChrome>;
}
