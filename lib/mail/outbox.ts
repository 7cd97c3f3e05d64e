import "server-only";

import type { Tx } from "@/db";
import { insertOutboxMails } from "@/db/queries/mail";

import { mailConfig } from "./config";

/** userId + articleId: mail about an article, re-checked at send time (lib/mail/worker.ts). */
export type OutgoingMail = { to: string; subject: string; text: string; userId?: string | null; articleId?: string | null };

/**
 * Queues mail in the caller's transaction: it leaves only if the change commits, and sending
 * happens later in the worker, so an SMTP failure can never fail the change itself.
 */
export async function queueMail(db: Tx, mails: OutgoingMail[], opts: { force?: boolean } = {}): Promise<number> {
  if (mails.length === 0 || (!opts.force && !mailConfig())) return 0;
  await insertOutboxMails({ db, mails });
  return mails.length;
}
