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

/** A sliding minute per address; addresses idle for a minute are forgotten. */
export class AttemptLimiter {
  private seen = new Map<string, number[]>();
  constructor(private perMinute: number) {}

  allow(address: string, now = Date.now()): boolean {
    const since = now - 60_000;
    const times = (this.seen.get(address) ?? []).filter((t) => t > since);
    if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (!v.length || v[v.length - 1] <= since) this.seen.delete(k);
    const ok = times.length < this.perMinute;
    if (ok) times.push(now);
    this.seen.set(address, times);
    return ok;
  }
}
