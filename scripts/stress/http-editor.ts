/** An editor over HTTP: the real save and working-copy server actions, as the browser calls them. */
import { docFromParagraphs } from "@/lib/rich-text/body";

import { actionId, callAction, type ActionCall } from "./harness";

export type SaveAnswer =
  { kind: "ack"; version: number } | { kind: "conflict"; version: number } | { kind: "unavailable" } | { kind: "error"; status: number; detail: string };

export class HttpEditor {
  private saveId = actionId("saveArticleAction");
  private copyId = actionId("getWorkingCopyAction");
  readonly saveLatencies: number[] = [];
  readonly statuses = new Map<number, number>();

  constructor(
    readonly base: string,
    readonly cookie: string,
    readonly timeoutMs = 30_000,
  ) {}

  private count(c: ActionCall) {
    this.statuses.set(c.status, (this.statuses.get(c.status) ?? 0) + 1);
  }

  async workingCopy(articleId: string): Promise<{ version: number; text: string } | null> {
    try {
      const c = await callAction(this.base, `/newsroom/articles/${articleId}`, this.copyId, [articleId], this.cookie, AbortSignal.timeout(this.timeoutMs));
      this.count(c);
      // Every action answers { ok: true, data } or { ok: false, code, message, … } (lib/actions/result.ts).
      const r = c.result as { ok?: boolean; data?: { version: number; text: string } } | null;
      return r?.ok && r.data ? { version: r.data.version, text: r.data.text } : null;
    } catch {
      return null;
    }
  }

  /** `saveId`: the editor's id of this save, the same on every retry (idempotent saves). */
  async saveText(articleId: string, expectedVersion: number, text: string, saveId?: string): Promise<SaveAnswer> {
    let c: ActionCall;
    try {
      c = await callAction(
        this.base,
        `/newsroom/articles/${articleId}`,
        this.saveId,
        [{ id: articleId, expectedVersion, ...(saveId ? { saveId } : {}), changes: { body: JSON.stringify(docFromParagraphs([text])) } }],
        this.cookie,
        AbortSignal.timeout(this.timeoutMs),
      );
    } catch (error) {
      return { kind: "error", status: 0, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    this.count(c);
    this.saveLatencies.push(c.ms);
    // The conflict's current version rides in `data` too.
    const r = c.result as { ok?: boolean; data?: { version: number }; code?: string } | null;
    if (r?.ok && r.data) return { kind: "ack", version: r.data.version };
    if (r?.code === "conflict" && r.data) return { kind: "conflict", version: r.data.version };
    if (r?.code === "unavailable") return { kind: "unavailable" };
    return { kind: "error", status: c.status, detail: JSON.stringify(r)?.slice(0, 200) ?? "no result" };
  }
}
