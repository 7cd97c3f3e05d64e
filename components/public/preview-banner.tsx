import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { embargoNoticeIn } from "@/lib/embargo/notice";
import type { AppLocale } from "@/lib/i18n/messages";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

/**
 * The fixed banner over every preview, so nobody takes one for the published page. The width
 * switch is two links (a query parameter): no script needed, and the choice survives a reload.
 */
export async function PreviewBanner({
  locale,
  basePath,
  width,
  versionLabel,
  savedAt,
  embargoUntil,
  timeZone,
  children,
}: {
  /** The newsroom's interface language for its own preview, the site language for a shared one. */
  locale: AppLocale;
  basePath: string;
  width: "phone" | "desktop";
  versionLabel: string;
  savedAt: Date | null;
  embargoUntil: Date | null;
  timeZone: string;
  children?: React.ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "common.previewBanner" });
  const switchLink = (to: "phone" | "desktop", label: string) => (
    <Link
      href={to === "desktop" ? basePath : `${basePath}?width=phone`}
      // A prefetch of a shared preview would count as an opening of the link.
      prefetch={false}
      aria-current={width === to ? "true" : undefined}
      className="rounded border border-amber-900 px-2 py-0.5 aria-[current]:bg-amber-900 aria-[current]:text-amber-50"
    >
      {label}
    </Link>
  );
  // The same words as the sidebar's, and only while the embargo runs.
  const embargo = embargoNoticeIn(locale, { embargoUntil: embargoUntil ?? null }, timeZone);
  return (
    <div
      role="region"
      aria-label={t("region")}
      className="sticky top-0 z-50 -mx-4 mb-6 border-b-2 border-amber-900 bg-amber-100 px-4 py-2 text-sm text-amber-950 sm:mx-0"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <strong className="text-base">{t("title")}</strong>
        <span>
          {versionLabel}
          {savedAt && (
            <>
              {t("saved")} <time dateTime={savedAt.toISOString()}>{formatInZone(savedAt, timeZone, dateLocaleOf(locale))}</time> ({timeZone})
            </>
          )}
        </span>
        {embargo && <span>{embargo}</span>}
        <nav aria-label={t("width")} className="ml-auto flex gap-2">
          {switchLink("phone", t("phone"))}
          {switchLink("desktop", t("desktop"))}
        </nav>
      </div>
      {children && <div className="mt-1 flex flex-wrap gap-x-4">{children}</div>}
    </div>
  );
}

/** Phone width is a typical handset's 390 CSS pixels, framed so the edge is visible. */
export function PreviewFrame({ width, children }: { width: "phone" | "desktop"; children: React.ReactNode }) {
  if (width === "desktop") return <>{children}</>;
  return (
    <div data-preview-width="phone" className="mx-auto w-[390px] max-w-full overflow-x-hidden rounded-2xl border-4 border-neutral-800 px-4 py-6">
      {children}
    </div>
  );
}

export const widthOf = (raw: string | string[] | undefined): "phone" | "desktop" => (raw === "phone" ? "phone" : "desktop");
