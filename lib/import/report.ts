import { own } from "./model";

/** What an import did, printed at the end (and the same with --dry-run). */
export type PostNote = { post: string; title: string; notes: string[] };

export class ImportReport {
  created = 0;
  updated = 0;
  unchanged = 0;
  skipped: PostNote[] = [];
  dropped: PostNote[] = [];
  warnings: PostNote[] = [];
  usersCreated: string[] = [];
  usersMatched: string[] = [];
  sectionsCreated: string[] = [];
  redirects = 0;
  externalImages = 0;
  uploadedImages = 0;

  skip(post: string, title: string, reason: string): void {
    this.note("skipped", post, title, [reason]);
  }

  /** Kept to the end of the import: copies, never slices of the file being read (model.ts `own`). */
  note(list: "skipped" | "dropped" | "warnings", post: string, title: string, notes: string[]): void {
    this[list].push({ post: own(post), title: own(title), notes: notes.map(own) });
  }

  get total(): number {
    return this.created + this.updated + this.unchanged + this.skipped.length;
  }

  toJSON() {
    return {
      created: this.created,
      updated: this.updated,
      unchanged: this.unchanged,
      skipped: this.skipped,
      dropped: this.dropped,
      warnings: this.warnings,
      usersCreated: this.usersCreated,
      usersMatched: this.usersMatched,
      sectionsCreated: this.sectionsCreated,
      redirects: this.redirects,
      uploadedImages: this.uploadedImages,
      externalImages: this.externalImages,
    };
  }

  format({ dryRun }: { dryRun: boolean }): string {
    const lines: string[] = [];
    lines.push(dryRun ? "Dry run: nothing was written. This is what the import would do:" : "Import finished.");
    lines.push(`  created ${this.created}, updated ${this.updated}, unchanged ${this.unchanged}, skipped ${this.skipped.length}`);
    if (this.usersCreated.length) lines.push(`  authors created (deactivated, to invite): ${this.usersCreated.join(", ")}`);
    if (this.usersMatched.length) lines.push(`  authors matched to existing users: ${this.usersMatched.join(", ")}`);
    if (this.sectionsCreated.length) lines.push(`  sections created: ${this.sectionsCreated.join(", ")}`);
    lines.push(
      `  redirects from old addresses: ${this.redirects}; images uploaded: ${this.uploadedImages}; kept as external https images: ${this.externalImages}`,
    );
    const block = (title: string, list: PostNote[]) => {
      if (!list.length) return;
      lines.push(`${title} (${list.length}):`);
      for (const n of list) lines.push(`  post ${n.post} “${n.title.slice(0, 60)}”: ${n.notes.join("; ")}`);
    };
    block("Skipped", this.skipped);
    block("Dropped elements (not representable)", this.dropped);
    block("Warnings", this.warnings);
    return lines.join("\n");
  }
}
