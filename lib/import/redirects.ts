import "server-only";

import { getDb } from "@/db";
import { findLegacyRedirect } from "@/db/queries/import";

import { legacyPathKey } from "./permalinks";

/**
 * Where an address of the imported site (`/2024/03/14/slug/`, `/?p=123`, `/category/x/`) lives
 * now, or null. Asked only by pages that would otherwise answer 404; a database that does not
 * answer gives null, so a 404 never becomes a 500.
 */
export async function legacyRedirectFor(pathname: string, query: Record<string, string | string[] | undefined> = {}): Promise<string | null> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === "string") search.set(k, v);
  const key = legacyPathKey(`${pathname}${search.size ? `?${search}` : ""}`);
  if (!key) return null;
  try {
    return await findLegacyRedirect({ db: await getDb(), path: key });
  } catch {
    return null;
  }
}
