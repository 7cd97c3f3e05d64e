/**
 * The autosave engine, kept out of React so a keystroke costs nothing but a timer reset:
 * fields hand their values here, the body only says "dirty" and is serialised at save time.
 * Saves ~1 s after typing stops and at least every 10 s while typing, one at a time, with the
 * version they start from; failures are retried with backoff; unsaved changes are mirrored
 * to localStorage so a reload, a crash or a lost connection never loses a word.
 */
import type { ConflictInfo } from "@/lib/articles/editing";
import type { SaveAnswer, Saved } from "@/lib/articles/save-answer";

export type Changes = Record<string, unknown>;
export type SaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "offline" }
  | { kind: "retrying"; message: string; inSeconds: number }
  | { kind: "invalid"; message: string }
  | { kind: "conflict"; current: ConflictInfo }
  | { kind: "blocked"; message: string };

export type LocalDraft = { articleId: string; baseVersion: number; at: string; changes: Changes };

type Options = {
  articleId: string;
  version: number;
  save: (input: { id: string; expectedVersion: number; saveId: string; changes: Changes }) => Promise<SaveAnswer>;
  getBody: () => unknown;
  onSaved?: (saved: Saved, sent: Changes) => void;
  onFieldErrors?: (errors: Record<string, string[]>) => void;
  /** The controller's own sentences in the interface language (English when not given). */
  texts?: Partial<AutosaveTexts>;
};

export type AutosaveTexts = {
  unreachable: string;
  resolveConflictFirst: string;
  offline: string;
  notSaved: string;
  /** "Not saved: check Headline, Dek (The headline is at most 200 characters.)." */
  invalid: (fields: string[], detail: string | undefined) => string;
};

const ENGLISH: AutosaveTexts = {
  unreachable: "The server could not be reached.",
  resolveConflictFirst: "Someone else saved a newer version: resolve the conflict first.",
  offline: "You are offline: changes are kept on this device.",
  notSaved: "Changes could not be saved.",
  invalid: (fields, detail) => `Not saved: check ${fields.join(", ")}${detail ? ` (${detail})` : ""}.`,
};

export const DEBOUNCE_MS = 1000;
export const MAX_WAIT_MS = 10_000;
const BACKUP_MS = 300;
const BACKUP_MAX_WAIT_MS = 2000;
const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];

export const draftKey = (articleId: string) => `newsroom:draft:${articleId}`;

/** A v4 UUID; crypto.randomUUID only exists on https and localhost, getRandomValues everywhere. */
export function newSaveId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function readLocalDraft(articleId: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(draftKey(articleId));
    const draft = raw ? (JSON.parse(raw) as LocalDraft) : null;
    return draft && draft.articleId === articleId && Object.keys(draft.changes ?? {}).length ? draft : null;
  } catch {
    return null;
  }
}

export function clearLocalDraft(articleId: string) {
  try {
    localStorage.removeItem(draftKey(articleId));
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

export class AutosaveController {
  version: number;
  status: SaveStatus = { kind: "idle" };
  private pending = new Map<string, unknown>();
  /** The latest value of every field touched in this session (for "keep mine as a copy"). */
  readonly latest = new Map<string, unknown>();
  private bodyDirty = false;
  private inflight: Promise<void> | null = null;
  private inflightChanges: Changes | null = null;
  private again = false;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private maxWait: ReturnType<typeof setTimeout> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private backup: ReturnType<typeof setTimeout> | undefined;
  private backupMaxWait: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  /**
   * The id of the save in progress from this.version: kept across retries while the outcome is
   * unknown (the request failed, or the server was unavailable), so a retry of a save that
   * committed but whose answer was lost is recognised by the server (not a false conflict).
   * Dropped on any definite answer.
   */
  private saveId: string | null = null;
  private stopped = false;
  private listeners = new Set<() => void>();

  private readonly texts: AutosaveTexts;

  constructor(private readonly opts: Options) {
    this.version = opts.version;
    this.texts = { ...ENGLISH, ...opts.texts };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  getStatus = () => this.status;

  private setStatus(status: SaveStatus) {
    this.status = status;
    this.listeners.forEach((l) => l());
  }

  isDirty(): boolean {
    if (this.stopped) return false;
    return this.pending.size > 0 || this.bodyDirty || this.inflight !== null;
  }

  set(field: string, value: unknown) {
    this.pending.set(field, value);
    this.latest.set(field, value);
    this.changed();
  }

  /**
   * Forgets a field's unsaved value: one that may no longer change (the slug, once the article
   * is published), which would otherwise make every later save fail, and the rest of it with it.
   */
  drop(field: string) {
    this.pending.delete(field);
    this.latest.delete(field);
  }

  markBodyDirty() {
    this.bodyDirty = true;
    this.changed();
  }

  private changed() {
    const blocked = this.status.kind === "conflict" || this.status.kind === "blocked";
    if (!blocked && this.status.kind !== "dirty" && this.status.kind !== "saving" && this.status.kind !== "offline" && this.status.kind !== "retrying") {
      this.setStatus({ kind: "dirty" });
    }
    this.scheduleBackup();
    if (this.stopped || blocked) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.save(), DEBOUNCE_MS);
    this.maxWait ??= setTimeout(() => void this.save(), MAX_WAIT_MS);
  }

  private collect(): Changes {
    const changes: Changes = Object.fromEntries(this.pending);
    if (this.bodyDirty) changes.body = this.opts.getBody();
    return changes;
  }

  /** Everything not yet on the server, including a save still in flight. */
  unsaved(): Changes {
    return { ...(this.inflightChanges ?? {}), ...this.collect() };
  }

  /**
   * The local copy trails typing by 300 ms, and by at most 2 s during non-stop typing, so a long
   * article is serialised a few times a minute rather than on every keystroke.
   */
  private scheduleBackup() {
    clearTimeout(this.backup);
    this.backup = setTimeout(() => this.writeBackup(), BACKUP_MS);
    this.backupMaxWait ??= setTimeout(() => this.writeBackup(), BACKUP_MAX_WAIT_MS);
  }

  writeBackup() {
    clearTimeout(this.backup);
    clearTimeout(this.backupMaxWait);
    this.backup = undefined;
    this.backupMaxWait = undefined;
    const changes = this.unsaved();
    try {
      if (!Object.keys(changes).length) localStorage.removeItem(draftKey(this.opts.articleId));
      else {
        const draft: LocalDraft = { articleId: this.opts.articleId, baseVersion: this.version, at: new Date().toISOString(), changes };
        localStorage.setItem(draftKey(this.opts.articleId), JSON.stringify(draft));
      }
    } catch {
      /* quota or private mode: the server copy is all we have */
    }
  }

  /** Saves now (cancelling timers) and resolves once nothing is pending or saving fails. */
  async flush(): Promise<{ ok: true; version: number } | { ok: false; message: string }> {
    for (let i = 0; i < 5; i++) {
      if (this.inflight) await this.inflight;
      if (!this.pending.size && !this.bodyDirty) break;
      if (this.status.kind === "conflict") break;
      await this.save(true);
    }
    const s = this.status;
    if (s.kind === "conflict") return { ok: false, message: this.texts.resolveConflictFirst };
    if (this.pending.size || this.bodyDirty) {
      return {
        ok: false,
        message: "message" in s ? s.message : s.kind === "offline" ? this.texts.offline : this.texts.notSaved,
      };
    }
    return { ok: true, version: this.version };
  }

  save(force = false): Promise<void> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    clearTimeout(this.debounce);
    clearTimeout(this.maxWait);
    clearTimeout(this.retry);
    this.maxWait = undefined;
    if (!force && (this.stopped || this.status.kind === "conflict" || this.status.kind === "blocked")) return Promise.resolve();
    if (!this.pending.size && !this.bodyDirty) return Promise.resolve();
    const changes = this.collect();
    this.pending.clear();
    this.bodyDirty = false;
    this.inflightChanges = changes;
    this.setStatus({ kind: "saving" });
    this.inflight = this.send(changes).finally(() => {
      this.inflight = null;
      this.inflightChanges = null;
      this.writeBackup();
      if (this.again) {
        this.again = false;
        if (this.status.kind === "saved" || this.status.kind === "dirty") void this.save();
      }
    });
    return this.inflight;
  }

  /** Puts unsent changes back, unless the field was changed again meanwhile. */
  private putBack(changes: Changes) {
    for (const [k, v] of Object.entries(changes)) {
      if (k === "body") this.bodyDirty = true;
      else if (!this.pending.has(k)) this.pending.set(k, v);
    }
  }

  private async send(changes: Changes) {
    let result: SaveAnswer;
    this.saveId ??= newSaveId();
    try {
      result = await this.opts.save({ id: this.opts.articleId, expectedVersion: this.version, saveId: this.saveId, changes });
    } catch {
      this.putBack(changes);
      this.scheduleRetry(typeof navigator !== "undefined" && !navigator.onLine ? null : this.texts.unreachable);
      return;
    }
    // The outcome is known unless the server was unavailable (it may have committed first).
    if (result.ok || result.code !== "unavailable") this.saveId = null;
    if (result.ok) {
      this.version = result.data.version;
      this.attempts = 0;
      this.opts.onFieldErrors?.({});
      this.opts.onSaved?.(result.data, changes);
      if (this.pending.size || this.bodyDirty) this.setStatus({ kind: "dirty" });
      else this.setStatus({ kind: "saved", at: new Date(result.data.savedAt) });
      return;
    }
    this.putBack(changes);
    if (result.code === "conflict" && result.data) {
      this.setStatus({ kind: "conflict", current: result.data });
    } else if (result.code === "invalid" && result.fieldErrors) {
      this.opts.onFieldErrors?.(result.fieldErrors);
      const detail = Object.values(result.fieldErrors).flat()[0];
      this.setStatus({ kind: "invalid", message: this.texts.invalid(Object.keys(result.fieldErrors), detail) });
    } else if (result.code === "unavailable") {
      this.scheduleRetry(result.message);
    } else {
      this.setStatus({ kind: "blocked", message: result.message });
    }
  }

  private scheduleRetry(message: string | null) {
    const delay = BACKOFF_MS[Math.min(this.attempts, BACKOFF_MS.length - 1)];
    this.attempts++;
    this.setStatus(message ? { kind: "retrying", message, inSeconds: Math.round(delay / 1000) } : { kind: "offline" });
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.save(), delay);
  }

  /** Back online: try at once instead of waiting for the backoff. */
  online() {
    if (this.status.kind === "offline" || this.status.kind === "retrying") {
      this.attempts = 0;
      void this.save();
    }
  }

  offline() {
    if (this.isDirty() && this.status.kind !== "conflict") this.setStatus({ kind: "offline" });
  }

  /** After a conflict is resolved elsewhere (reload or copy): stop saving this copy. */
  stop() {
    this.stopped = true;
    this.pending.clear();
    this.bodyDirty = false;
    clearTimeout(this.debounce);
    clearTimeout(this.maxWait);
    clearTimeout(this.retry);
    clearTimeout(this.backup);
    clearTimeout(this.backupMaxWait);
  }

  /** Resumes autosave from a given server version (restoring a local draft, adopting a refresh). */
  resume(version: number) {
    this.version = version;
    this.saveId = null;
    this.stopped = false;
    if (this.status.kind === "blocked" || this.status.kind === "invalid") this.setStatus({ kind: "dirty" });
  }
}
