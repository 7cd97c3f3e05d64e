import { notFound, permanentRedirect } from "next/navigation";

import { decodeURIComponentSafe } from "@/lib/import/permalinks";
import { legacyRedirectFor } from "@/lib/import/redirects";

type Props = { params: Promise<{ legacy: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Any address no other page answers: an old permalink of an imported site (`npm run import`)
 * answers 308 to its new place; anything else is the usual 404.
 */
export default async function LegacyAddress({ params, searchParams }: Props) {
  const { legacy } = await params;
  const target = await legacyRedirectFor(`/${legacy.map((s) => encodeURIComponent(decodeURIComponentSafe(s))).join("/")}`, await searchParams);
  if (target) permanentRedirect(target);
  notFound();
}
