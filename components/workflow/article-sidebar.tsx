/**
 * Beside the editor: workflow buttons, what changed for the reviewer, the discussion and the
 * timeline. The editor page renders it with the article's current state; everything else is
 * re-read here so the buttons shown are exactly those the server would accept.
 */
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";

import { PendingSuggestionsNote } from "@/components/editor/suggestions/pending-note";
import { getDb } from "@/db";
import { listContributorIds } from "@/db/queries/article-people";
import { listArticleComments } from "@/db/queries/comments";
import { listArticleEvents } from "@/db/queries/timeline";
import { loadArticle } from "@/lib/articles/access";
import type { CurrentUser } from "@/lib/auth/session";
import { loadArticleChecklist } from "@/lib/checklist/checklist";
import { now as clockNow } from "@/lib/clock";
import { newsroomLocale } from "@/lib/i18n/interface";
import { MESSAGES } from "@/lib/i18n/messages";
import { availableTransitions, canGlobal, twoPersonBar } from "@/lib/permissions";
import { pendingSuggestionCount } from "@/lib/rich-text/suggestions";
import { getSettings } from "@/lib/settings";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";
import { dateLocaleOf, formatInZone, utcToZonedLocal } from "@/lib/workflow/time-zone";

import { ChecklistSection } from "./checklist-section";
import { Discussion } from "./discussion";
import { EmbargoPanel } from "./embargo-panel";
import { ReviewChanges } from "./review-changes";
import { SharePreview } from "./share-preview";
import { Timeline } from "./timeline";
import { WorkflowPanel } from "./workflow-panel";

export type ArticleSidebarProps = {
  user: CurrentUser;
  article: { id: string; status: ArticleStatus; version: number; authorIds: string[]; hasUnpublishedChanges: boolean; slug: string };
};

export async function ArticleSidebar({ user, article }: ArticleSidebarProps) {
  const db = await getDb();
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "workflow" });
  const [settings, loaded, comments, events, contributorIds, checklist] = await Promise.all([
    getSettings(db),
    loadArticle({ db, id: article.id }),
    listArticleComments({ db, articleId: article.id }),
    listArticleEvents({ db, articleId: article.id }),
    listContributorIds({ db, articleId: article.id }),
    loadArticleChecklist(db, article.id),
  ]);
  const row = loaded?.article;
  // The database's word over the props: a button must never offer what the server would refuse.
  const status = row?.status ?? article.status;
  const hasUnpublishedChanges = row?.hasUnpublishedChanges ?? article.hasUnpublishedChanges;
  const authorIds = loaded?.authorIds ?? article.authorIds;
  const facts = { status, authorIds, hasUnpublishedChanges, contributorIds, embargoUntil: row?.embargoUntil ?? null, checklist: checklist.facts };
  const actions = availableTransitions(user, facts, { twoPersonRule: settings.twoPersonRule });
  const bar = twoPersonBar(user, facts, settings.twoPersonRule);
  const tz = settings.timeZone;
  const storedSuggestions = row ? pendingSuggestionCount(row.body) : 0;
  return (
    // The client parts (buttons, forms) read the workflow words from this provider, in the reader's language.
    <NextIntlClientProvider locale={locale} messages={{ workflow: MESSAGES[locale].workflow, suggestions: MESSAGES[locale].suggestions }} timeZone={tz}>
      <aside aria-label={t("sidebar.label")} className="space-y-6 text-sm">
        <section aria-labelledby="workflow-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
          <h2 id="workflow-heading" className="text-base font-semibold">
            {t("sidebar.heading")}
          </h2>
          <p className="mt-1">
            {t("sidebar.status")} <strong data-testid="workflow-status">{t(`states.${status}`)}</strong>
            {status === "published" && hasUnpublishedChanges && <span>{t("sidebar.publishedWithChanges")}</span>}
          </p>
          {status === "scheduled" && row?.scheduledAt && (
            <p className="mt-1">
              {t.rich("sidebar.scheduledFor", {
                when: formatInZone(row.scheduledAt, tz, dateLocaleOf(locale)),
                timeZone: tz,
                time: (chunks) => <time dateTime={row.scheduledAt!.toISOString()}>{chunks}</time>,
              })}
            </p>
          )}
          {bar === "author" && <p className="mt-1 text-neutral-700 dark:text-neutral-300">{t("sidebar.twoPersonAuthor")}</p>}
          {bar === "contributor" && <p className="mt-1 text-neutral-700 dark:text-neutral-300">{t("sidebar.twoPersonContributor")}</p>}
          <PendingSuggestionsNote stored={storedSuggestions} />
          <div className="mt-3">
            <WorkflowPanel
              articleId={article.id}
              version={article.version}
              actions={actions}
              timeZone={tz}
              canCorrect={Boolean(row?.firstPublishedAt)}
              pendingSuggestions={storedSuggestions}
              // A server component renders once per request: "an hour from now" is from this request.
              defaultScheduleAt={utcToZonedLocal(new Date(Math.max(clockNow().getTime() + 3_600_000, row?.embargoUntil?.getTime() ?? 0)), tz)}
            />
          </div>
        </section>
        {row && <EmbargoPanel user={user} article={row} facts={facts} timeZone={tz} twoPersonRule={settings.twoPersonRule} />}
        <ChecklistSection user={user} articleId={article.id} article={facts} checklist={checklist} twoPersonRule={settings.twoPersonRule} timeZone={tz} />
        {canGlobal(user, "articles:review").ok && row && <ReviewChanges article={row} />}
        <SharePreview user={user} articleId={article.id} policy={facts} timeZone={tz} />
        <Discussion articleId={article.id} comments={comments} timeZone={tz} />
        <Timeline events={events} timeZone={tz} />
      </aside>
    </NextIntlClientProvider>
  );
}
