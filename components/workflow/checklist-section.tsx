/**
 * The sign-off checklist of one article in the sidebar: each item with who ticked it and when.
 * Hidden while the newsroom defines no items. Only editors the two-person rule does not bar may
 * tick (lib/permissions.ts canTickChecklist); the others see the boxes read-only, with the reason.
 */
import { getTranslations } from "next-intl/server";

import type { CurrentUser } from "@/lib/auth/session";
import type { ArticleChecklist } from "@/lib/checklist/checklist";
import { newsroomLocale } from "@/lib/i18n/interface";
import { translateServerMessage } from "@/lib/i18n/server-messages";
import { canTickChecklist, type PolicyArticle } from "@/lib/permissions";
import { checklistGap } from "@/lib/workflow/article-workflow";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

import { ChecklistBoxes } from "./checklist-boxes";

export type ChecklistSectionProps = {
  user: CurrentUser;
  articleId: string;
  article: PolicyArticle;
  checklist: ArticleChecklist;
  twoPersonRule: boolean;
  timeZone: string;
};

export async function ChecklistSection({ user, articleId, article, checklist, twoPersonRule, timeZone }: ChecklistSectionProps) {
  if (checklist.items.length === 0) return null;
  const may = canTickChecklist(user, article, twoPersonRule);
  const left = checklistGap(checklist.facts).length;
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "workflow.checklist" });
  return (
    <section aria-labelledby="checklist-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="checklist-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1" data-testid="checklist-summary">
        {left === 0 ? t("allTicked") : t("left", { count: left })}
      </p>
      {!may.ok && <p className="mt-1 text-neutral-700 dark:text-neutral-300">{translateServerMessage(may.reason, locale)}</p>}
      <ChecklistBoxes
        articleId={articleId}
        canTick={may.ok}
        items={checklist.items.map((i) => ({
          id: i.id,
          label: i.label,
          required: i.required,
          ticked: i.tick !== null,
          note: i.tick ? t("tickedBy", { who: `${i.tick.byName ?? t("someone")}, ${formatInZone(i.tick.at, timeZone, dateLocaleOf(locale))}` }) : null,
        }))}
      />
    </section>
  );
}
