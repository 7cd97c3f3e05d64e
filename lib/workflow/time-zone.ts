/**
 * Newsroom time zone helpers (site setting timeZone): a `datetime-local` value means wall-clock
 * time in that zone, whatever the browser's or the server's zone. No library: Intl suffices.
 */
function offsetMs(utc: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utc));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(utc / 1000) * 1000;
}

/** "2026-03-29T02:30" in Europe/Paris → the instant. Returns null for malformed input. */
export function zonedLocalToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if (Number.isNaN(wall)) return null;
  // Two passes settle daylight-saving edges (the offset at the guess may differ from the result's).
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc);
}

/** The instant as a `datetime-local` value in the zone (for default values). */
export function utcToZonedLocal(date: Date, timeZone: string): string {
  const local = new Date(date.getTime() + offsetMs(date.getTime(), timeZone));
  return local.toISOString().slice(0, 16);
}

export function formatInZone(date: Date, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);
}

/**
 * The date conventions of an interface language: the English newsroom writes dates the British
 * way ("3 Mar 2026, 14:30", as it always has), the French one "3 mars 2026, 14:30".
 */
export function dateLocaleOf(locale: string): string {
  return locale === "fr" ? "fr-FR" : "en-GB";
}
