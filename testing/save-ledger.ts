/**
 * The lost-update model shared by the reliability tests and the stress scripts. Each client
 * loads version v, saves text T with expectedVersion v, and reports what the server said:
 * an acknowledged save must own exactly one version number (the sequence of acknowledged
 * versions is gapless above the starting version), it must be exactly expectedVersion + 1 (else
 * it overwrote versions its writer never saw: the classic lost update), and the final text must
 * be the one of the highest acknowledged version. Anything else is a lost (or phantom) save.
 */
export type SaveOutcome = "ack" | "conflict" | "error";

export type Verdict = {
  attempted: number;
  acknowledged: number;
  conflicts: number;
  errors: number;
  /** Acknowledged saves that the final state or the version sequence does not account for. */
  lost: number;
  problems: string[];
};

export class SaveLedger {
  private acks = new Map<number, string>();
  private problems: string[] = [];
  attempted = 0;
  conflicts = 0;
  errors = 0;

  constructor(readonly startVersion: number) {}

  private overwrites = 0;

  record(outcome: SaveOutcome, text: string, version?: number, basedOn?: number) {
    this.attempted++;
    if (outcome === "conflict") this.conflicts++;
    else if (outcome === "error") this.errors++;
    else {
      if (version === undefined) throw new Error("an acknowledged save needs its version");
      const seen = this.acks.get(version);
      if (seen !== undefined) this.problems.push(`version ${version} acknowledged twice (${JSON.stringify(seen)} and ${JSON.stringify(text)})`);
      this.acks.set(version, text);
      if (basedOn !== undefined && version !== basedOn + 1) {
        this.overwrites++;
        this.problems.push(`save based on version ${basedOn} acknowledged as ${version}: it overwrote ${version - basedOn - 1} version(s) unseen`);
      }
    }
  }

  /** A client read version v with text T: if v was acknowledged, T must be that save's text. */
  observe(version: number, text: string) {
    const acked = this.acks.get(version);
    if (acked !== undefined && acked !== text) this.problems.push(`version ${version} reads ${JSON.stringify(text)}, acknowledged ${JSON.stringify(acked)}`);
  }

  /**
   * `unknown` = saves whose outcome the client never learnt (the connection died): they may
   * own a version without an acknowledgement, so they may fill gaps but never count as lost.
   */
  verdict(final: { version: number; text: string }, unknown = 0): Verdict {
    const problems = [...this.problems];
    const versions = [...this.acks.keys()].sort((a, b) => a - b);
    const missing: number[] = [];
    for (let v = this.startVersion + 1; v <= final.version; v++) if (!this.acks.has(v)) missing.push(v);
    if (missing.length > unknown) problems.push(`${missing.length} versions without an acknowledged save: ${missing.slice(0, 10).join(", ")}`);
    const beyond = versions.filter((v) => v > final.version);
    if (beyond.length) problems.push(`acknowledged versions above the final version ${final.version}: ${beyond.slice(0, 10).join(", ")}`);
    const last = versions.at(-1);
    if (last !== undefined && last === final.version && this.acks.get(last) !== final.text) {
      problems.push(`final text ${JSON.stringify(final.text)} is not the last acknowledged save ${JSON.stringify(this.acks.get(last))}`);
    }
    if (last !== undefined && last < final.version && missing.length === 0) problems.push("final version has no save behind it");
    // Every problem recorded while running (overwrites, a version acknowledged twice, a read that
    // disagrees with an acknowledged save) stands for at least one lost save.
    const lost = beyond.length + (last !== undefined && last === final.version && this.acks.get(last) !== final.text ? 1 : 0) + this.problems.length;
    return { attempted: this.attempted, acknowledged: this.acks.size, conflicts: this.conflicts, errors: this.errors, lost, problems };
  }
}
