/**
 * `Share preview` in the article sidebar: the form and the article's links with their creator,
 * expiry and last opening. Only for those who may share (lib/permissions.ts canSharePreview).
 */
import { getTranslations } from "next-intl/server";

import { getDb } from "@/db";
import type { CurrentUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { canSharePreview, type PolicyArticle } from "@/lib/permissions";
import { listArticlePreviewLinks } from "@/lib/previews/links";
import { DEFAULT_EXPIRY_HOURS, isLinkOpen } from "@/lib/previews/tokens";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

import { RevokePreviewButton, SharePreviewForm } from "./share-preview-form";

export async function SharePreview({ user, articleId, policy, timeZone }: { user: CurrentUser; articleId: string; policy: PolicyArticle; timeZone: string }) {
  if (!canSharePreview(user, policy).ok) return null;
  const links = await listArticlePreviewLinks({ db: await getDb(), articleId });
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "workflow.share" });
  // A server component renders once per request: "expired" is as of this request.
  // eslint-disable-next-line react-hooks/purity
  const now = new Date(Date.now());
  const when = (d: Date) => <time dateTime={d.toISOString()}>{formatInZone(d, timeZone, dateLocaleOf(locale))}</time>;
  return (
    <section aria-labelledby="share-preview-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="share-preview-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1 text-neutral-700 dark:text-neutral-300">{t("intro")}</p>
      <div className="mt-3">
        <SharePreviewForm articleId={articleId} defaultHours={DEFAULT_EXPIRY_HOURS} />
      </div>
      {links.length > 0 && (
        <ul aria-label={t("listLabel")} className="mt-4 space-y-3">
          {links.map((l) => {
            const open = isLinkOpen(l, now);
            return (
              <li key={l.id} className="border-t border-neutral-200 pt-2 dark:border-neutral-800">
                <p>
                  <strong>{t("link", { id: l.id })}</strong> {t("by", { name: l.createdByName ?? t("formerUser") })} —{" "}
                  {l.revisionNumber === null ? t("latest") : t("version", { number: l.revisionNumber })}
                </p>
                <p>
                  {l.revokedAt ? t("revoked") : open ? t("expires") : t("expired")} {when(l.revokedAt ?? l.expiresAt)} ({timeZone})
                </p>
                <p>{l.lastOpenedAt ? t.rich("lastOpened", { when: () => when(l.lastOpenedAt!), count: l.openCount }) : t("neverOpened")}</p>
                {open && <RevokePreviewButton articleId={articleId} linkId={l.id} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
