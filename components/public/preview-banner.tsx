import Link from "next/link";

import { embargoNotice } from "@/lib/embargo/notice";
import { formatInZone } from "@/lib/workflow/time-zone";

/**
 * The fixed banner over every preview, so nobody takes one for the published page. The width
 * switch is two links (a query parameter): no script needed, and the choice survives a reload.
 */
export function PreviewBanner({
  basePath,
  width,
  versionLabel,
  savedAt,
  embargoUntil,
  timeZone,
  children,
}: {
  basePath: string;
  width: "phone" | "desktop";
  versionLabel: string;
  savedAt: Date | null;
  embargoUntil: Date | null;
  timeZone: string;
  children?: React.ReactNode;
}) {
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
  const embargo = embargoNotice({ embargoUntil: embargoUntil ?? null }, timeZone);
  return (
    <div
      role="region"
      aria-label="Preview banner"
      className="sticky top-0 z-50 -mx-4 mb-6 border-b-2 border-amber-900 bg-amber-100 px-4 py-2 text-sm text-amber-950 sm:mx-0"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <strong className="text-base">Preview — not published</strong>
        <span>
          {versionLabel}
          {savedAt && (
            <>
              , saved <time dateTime={savedAt.toISOString()}>{formatInZone(savedAt, timeZone)}</time> ({timeZone})
            </>
          )}
        </span>
        {embargo && <span>{embargo}</span>}
        <nav aria-label="Preview width" className="ml-auto flex gap-2">
          {switchLink("phone", "Phone")}
          {switchLink("desktop", "Desktop")}
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
