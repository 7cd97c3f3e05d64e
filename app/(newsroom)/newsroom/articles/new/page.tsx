import type { Metadata } from "next";

import { requireUser } from "@/lib/auth/session";

import { CreateDraft } from "./create-draft";

export const metadata: Metadata = { title: "New article" };

/**
 * A new article is created as an empty draft the moment this page is opened in a browser (not
 * on prefetch), so autosave, presence and revisions all work from the first keystroke.
 */
export default async function NewArticlePage() {
  await requireUser("/newsroom/articles/new");
  return (
    <div>
      <h1 className="font-serif text-3xl font-bold">New article</h1>
      <CreateDraft />
    </div>
  );
}
