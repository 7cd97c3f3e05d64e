import type { Metadata } from "next";

import { NotFoundView } from "@/components/public/not-found-view";
import { PublicChrome } from "@/components/public/public-chrome";
import { siteDictionary } from "@/lib/i18n/site";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await siteDictionary()).notFoundTitle };
}

/**
 * The site-wide 404, drawn whole on the server with the public site's header and footer. The
 * server (server/not-found-page.mjs) sends it for every reader's 404: Next answers a page's
 * notFound() with an empty shell that only its client runtime fills in.
 */
export default function NotFound() {
  return (
    <PublicChrome>
      <NotFoundView />
    </PublicChrome>
  );
}
