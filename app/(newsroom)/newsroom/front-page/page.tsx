import type { Metadata } from "next";

import { getDb } from "@/db";
import { listLeadCandidates } from "@/db/queries/front-page";
import { listSectionsWithUsage } from "@/db/queries/sections";
import { requirePower } from "@/lib/auth/guards";
import { orderSectionBlocks } from "@/lib/front-page/front-page";
import { getSettings } from "@/lib/settings";

import { FrontPageForm } from "./front-page-form";

export const metadata: Metadata = { title: "Front page" };

export default async function FrontPageSettingsPage() {
  await requirePower("front:manage", "/newsroom/front-page");
  const db = await getDb();
  const [settings, candidates, sections] = await Promise.all([getSettings(db), listLeadCandidates({ db }), listSectionsWithUsage({ db })]);
  const { frontPage } = settings;
  // Shown in the front page's current order, hidden sections included (at the end).
  const shown = orderSectionBlocks(sections, { ...frontPage, hiddenSections: [] });
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-3xl font-bold">Front page</h1>
      <p className="max-w-2xl text-sm text-neutral-700 dark:text-neutral-300">
        The lead story is the most recent article unless you pin one; a pinned article leads until it is unpublished. Below the lead and the next four stories,
        each section has a block in the order set here.
      </p>
      <FrontPageForm
        leadArticleId={frontPage.leadArticleId}
        candidates={candidates.map((c) => ({ id: c.id, headline: c.headline }))}
        sections={shown.map((s, i) => ({ slug: s.slug, name: s.name, position: i + 1, hidden: frontPage.hiddenSections.includes(s.slug) }))}
      />
    </div>
  );
}
