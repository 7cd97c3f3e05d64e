import "server-only";

import type { Db } from "@/db";
import { getArticleEmbargoForUpdate, listEmbargoedArticles, updateArticleEmbargo, type EmbargoedRow } from "@/db/queries/embargo";
import { insertEvent } from "@/db/queries/events";
import { loadArticle } from "@/lib/articles/access";
import { now as clockNow } from "@/lib/clock";
import { canEmbargo, type PolicyUser } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";
import { formatInZone, zonedLocalToUtc } from "@/lib/workflow/time-zone";

export type EmbargoOutcome =
  { ok: true; message: string; embargoUntil: Date | null } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

const FIELD = "embargoUntil";
const invalid = (message: string): EmbargoOutcome => ({ ok: false, code: "invalid", message, fieldErrors: { [FIELD]: [message] } });

/**
 * Sets, changes or lifts (an empty `until`) an article's embargo. `until` is a `datetime-local`
 * value read in the newsroom time zone, as scheduling reads its times. Each change is an event on
 * the article's timeline. A scheduled article cannot be embargoed past its publication time: the
 * desk unschedules it first, so that what the sidebar says will happen is what happens.
 */
export async function setEmbargo(db: Db, user: PolicyUser | null, req: { articleId: string; until: string }, now: Date = clockNow()): Promise<EmbargoOutcome> {
  const may = canEmbargo(user);
  if (!may.ok || !user) return { ok: false, code: may.ok ? "unauthenticated" : may.code, message: may.ok ? "Sign in to continue." : may.reason };
  const { timeZone } = await getSettings(db);
  const text = req.until.trim();
  let until: Date | null = null;
  if (text) {
    until = isCalendarTime(text) ? zonedLocalToUtc(text, timeZone) : null;
    if (!until || Number.isNaN(until.getTime())) return invalid("Enter a date and time for the embargo.");
    if (until <= now) return invalid("The embargo must end in the future.");
  }
  return db.transaction(async (tx) => {
    const locked = await getArticleEmbargoForUpdate({ db: tx, id: req.articleId });
    const loaded = locked && (await loadArticle({ db: tx, id: req.articleId }));
    if (!locked || !loaded) return { ok: false, code: "not_found", message: "This article does not exist." } as const;
    const previous = locked.embargoUntil && locked.embargoUntil > now ? locked.embargoUntil : null;
    if (!until && !previous) return invalid("There is no embargo to lift.");
    if (until && previous && until.getTime() === previous.getTime()) return { ok: true, message: "The embargo is unchanged.", embargoUntil: until } as const;
    const { article } = loaded;
    // Readers can already see it: an embargo now would claim to hold back what is out. This is
    // read after the row lock, so a publish that committed meanwhile is seen here, and a publish
    // still to come misses its conditional update (the embargo changed under it): of the two, one.
    if (until && article.status === "published") {
      return invalid("The article is already published: an embargo cannot hold it back. Unpublish it first.");
    }
    if (until && article.status === "scheduled" && article.scheduledAt && article.scheduledAt < until) {
      return invalid(`The article is scheduled for ${formatInZone(article.scheduledAt, timeZone)}, before this embargo: unschedule it first.`);
    }
    await updateArticleEmbargo({ db: tx, id: article.id, embargoUntil: until });
    const type = !until ? "article.embargo_lifted" : previous ? "article.embargo_changed" : "article.embargo_set";
    await insertEvent({
      db: tx,
      event: {
        type,
        actorId: user.id,
        articleId: article.id,
        data: { ...(until ? { embargoUntil: until.toISOString() } : {}), ...(previous ? { previous: previous.toISOString() } : {}) },
      },
    });
    const message = until ? `Embargoed until ${formatInZone(until, timeZone)} (${timeZone}).` : "Embargo lifted.";
    return { ok: true, message, embargoUntil: until } as const;
  });
}

/** "2026-12-01T09:00" names a real day and time (the zone conversion would roll 13/45 over silently). */
function isCalendarTime(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = [+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)];
  const wall = new Date(Date.UTC(y, mo - 1, d));
  return wall.getUTCMonth() === mo - 1 && wall.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
}

/** The dashboard's list of embargoed articles the user may see. */
export async function loadEmbargoed(db: Db, user: Pick<PolicyUser, "id" | "role">, now: Date = clockNow()): Promise<EmbargoedRow[]> {
  return listEmbargoedArticles({ db, user, now });
}
