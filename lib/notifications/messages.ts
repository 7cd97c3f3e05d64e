import { createFormatter, createTranslator } from "use-intl/core";

import { appLocaleOf, MESSAGES, type AppLocale, type Messages } from "@/lib/i18n/messages";

/** A notification's sentence: a key of `notifications.messages` and its arguments (plain strings; dates as ISO). */
export type NotificationKey = keyof Messages["notifications"]["messages"];
export type NotificationData = { key: NotificationKey; params: Record<string, string | null> };

const DATE_PARAMS = new Set(["when"]);

/**
 * The sentence in `locale`: the actor's and the headline's words stay as they were, the rest is the
 * reader's language; a missing actor is "Someone", a missing headline "Untitled", dates are
 * formatted in the newsroom's time zone.
 */
export function renderNotification(data: NotificationData, locale: AppLocale, timeZone: string): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "notifications" });
  const format = createFormatter({ locale, timeZone });
  const args: Record<string, string> = {};
  for (const [name, value] of Object.entries(data.params)) {
    args[name] = DATE_PARAMS.has(name) && value ? format.dateTime(new Date(value), { dateStyle: "long", timeStyle: "short" }) : (value ?? "");
  }
  args.actor = data.params.actor || (data.params.scheduler ? t("scheduler") : t("someone"));
  args.title = data.params.title || t("untitled");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each key takes its own arguments; they come from the stored row
  return (t as any)(`messages.${data.key}`, args);
}

/** Whether stored `data` is a sentence this version knows how to render (else the stored English `message` is shown). */
export function isNotificationData(data: unknown): data is NotificationData {
  const d = data as NotificationData | null;
  return Boolean(d && typeof d.key === "string" && d.key in MESSAGES.en.notifications.messages && d.params && typeof d.params === "object");
}

/** A stored notification in the reader's language; rows written before notifications were translated keep their English text. */
export function notificationText(row: { message: string; data?: unknown }, locale: AppLocale, timeZone: string): string {
  return isNotificationData(row.data) ? renderNotification(row.data, locale, timeZone) : row.message;
}

/** The language someone reads the newsroom in: their own choice, else the site language. */
export function readerLocale(choice: string | null | undefined, siteLanguage: string): AppLocale {
  return appLocaleOf(choice) ?? appLocaleOf(siteLanguage) ?? "en";
}
