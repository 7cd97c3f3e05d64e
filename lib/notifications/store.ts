import "server-only";

import { createTranslator } from "use-intl/core";

import type { Tx } from "@/db";
import { insertNotifications, listInterfaceLanguages, listRecipientCandidates } from "@/db/queries/notifications";
import { loadArticle } from "@/lib/articles/access";
import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";
import { queueMail } from "@/lib/mail/outbox";
import { canArticle } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";

import { readerLocale, renderNotification, type NotificationData } from "./messages";

export type NotificationType =
  "submitted" | "changes_requested" | "approved" | "scheduled" | "published" | "unpublished" | "comment" | "mention" | "byline_changed";

/**
 * Of `userIds`, those who may view the article now (active, and an editor or one of its working
 * authors): a notification about an article never reaches anyone else, e.g. a co-author removed
 * since. The mail worker asks again at send time.
 */
export async function viewersOf(db: Tx, articleId: string, userIds: string[]): Promise<{ id: string; email: string }[]> {
  if (userIds.length === 0) return [];
  const loaded = await loadArticle({ db, id: articleId });
  if (!loaded) return [];
  const rows = await listRecipientCandidates({ db, ids: userIds });
  return rows.filter((u) => canArticle(u, "view", loaded.policy).ok).map(({ id, email }) => ({ id, email }));
}

/**
 * The interface language of each user (their choice on the profile, else the site language) and
 * the newsroom's time zone: what mail and stored sentences are written in, outside a request.
 */
export async function recipientLocales(db: Tx, userIds: string[]): Promise<{ localeOf: (userId: string) => AppLocale; timeZone: string }> {
  const [chosen, settings] = await Promise.all([listInterfaceLanguages({ db, ids: userIds }), getSettings(db)]);
  return { localeOf: (id) => readerLocale(chosen.get(id), settings.siteLanguage), timeZone: settings.timeZone };
}

/**
 * In-app notifications (and their mail) for the given users, written in the caller's
 * transaction. The actor is never notified of their own action; inactive users are skipped, and
 * so is anyone who may not view the article the notification is about. The sentence is stored as
 * a catalogue key and its arguments, so it shows in each reader's language (the English text is
 * kept too); the mail is written in each recipient's interface language.
 */
export async function notifyUsers(
  db: Tx,
  input: { userIds: string[]; actorId: string | null; articleId: string | null; type: NotificationType; message: NotificationData; link?: string },
): Promise<number> {
  const ids = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (ids.length === 0) return 0;
  const recipients = input.articleId
    ? await viewersOf(db, input.articleId, ids)
    : (await listRecipientCandidates({ db, ids })).filter((u) => u.active).map(({ id, email }) => ({ id, email }));
  if (recipients.length === 0) return 0;
  const { localeOf, timeZone } = await recipientLocales(
    db,
    recipients.map((r) => r.id),
  );
  const english = renderNotification(input.message, "en", timeZone);
  await insertNotifications({
    db,
    rows: recipients.map((r) => ({ userId: r.id, articleId: input.articleId, type: input.type, message: english, data: input.message })),
  });
  const link = input.link ? `\n\n${input.link}` : "";
  await queueMail(
    db,
    recipients.map((r) => {
      const locale = localeOf(r.id);
      const message = renderNotification(input.message, locale, timeZone);
      const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "emails" });
      return { to: r.email, subject: t("notificationSubject", { message }).slice(0, 200), text: `${message}${link}`, userId: r.id, articleId: input.articleId };
    }),
  );
  return recipients.length;
}
