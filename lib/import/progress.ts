/** A one-line progress bar on a terminal (count, rate, time left); silent elsewhere. */
export class Progress {
  private readonly started = Date.now();
  private last = 0;
  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream | null = process.stderr.isTTY ? process.stderr : null,
  ) {}

  line(done: number, now = Date.now()): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = done / seconds;
    const width = 24;
    const share = this.total ? Math.min(done / this.total, 1) : 1;
    const filled = Math.round(share * width);
    const left = rate > 0 && this.total > done ? Math.ceil((this.total - done) / rate) : 0;
    return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${this.total} posts, ${rate.toFixed(1)}/s, ${formatSeconds(left)} left`;
  }

  tick(done: number): void {
    if (!this.out) return;
    const now = Date.now();
    if (now - this.last < 200 && done < this.total) return;
    this.last = now;
    this.out.write(`\r${this.line(done, now)}`);
  }

  end(done: number): void {
    if (this.out) this.out.write(`\r${this.line(done)}\n`);
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
