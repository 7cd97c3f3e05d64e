import type { Tx } from "@/db";
import { countCollabAttempt, deleteOldCollabAttemptWindows } from "@/db/queries/collab";

/** Caps on what one client may send and how often one address may try to connect. */
export type CollabLimits = {
  /** One Yjs message (a burst of typing or a paste). */
  maxUpdateBytes: number;
  /** The whole live document (its Yjs state, history of deletions included). */
  maxDocumentBytes: number;
  /** WebSocket upgrades per address per minute. */
  attemptsPerMinute: number;
};

export const DEFAULT_LIMITS: CollabLimits = { maxUpdateBytes: 1024 * 1024, maxDocumentBytes: 16 * 1024 * 1024, attemptsPerMinute: 120 };

/**
 * Connection attempts per client address and minute, counted in the database (one window per
 * address, db/queries/collab.ts) so that every instance behind a load balancer counts against the
 * same limit. `allow` counts the attempt and says whether it is within the limit; when the
 * database cannot count, the attempt is allowed (the connection's own sign-in check needs the
 * database anyway) and `onError` is told.
 */
export class AttemptLimiter {
  private counted = 0;
  constructor(
    private db: () => Promise<Tx>,
    private perMinute: number,
    private onError: (error: unknown) => void = () => undefined,
  ) {}

  async allow(address: string): Promise<boolean> {
    try {
      const db = await this.db();
      const attempts = await countCollabAttempt({ db, address });
      // Addresses that stopped trying are forgotten now and then.
      if (++this.counted % 200 === 0) await deleteOldCollabAttemptWindows({ db });
      return attempts <= this.perMinute;
    } catch (error) {
      this.onError(error);
      return true;
    }
  }
}
