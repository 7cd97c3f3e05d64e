"use client";

import { useState, useSyncExternalStore } from "react";

import { getWorkingCopyAction } from "@/app/(newsroom)/newsroom/articles/actions";
import type { ConflictInfo } from "@/lib/articles/editing";

import type { AutosaveController, LocalDraft, SaveStatus } from "./autosave";

const time = (d: Date) => d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

export function statusText(s: SaveStatus): string {
  switch (s.kind) {
    case "idle":
      return "No unsaved changes";
    case "dirty":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "saved":
      return `Saved at ${time(s.at)}`;
    case "offline":
      return "Offline — changes kept on this device";
    case "retrying":
      return `Not saved: ${s.message} Retrying in ${s.inSeconds} s — changes kept on this device`;
    case "invalid":
    case "blocked":
      return s.message;
    case "conflict":
      return "Not saved: someone else saved a newer version — changes kept on this device";
  }
}

export function useSaveStatus(ctl: AutosaveController): SaveStatus {
  return useSyncExternalStore(ctl.subscribe, ctl.getStatus, ctl.getStatus);
}

export function StatusLine({ ctl }: { ctl: AutosaveController }) {
  const status = useSaveStatus(ctl);
  const bad = ["offline", "retrying", "invalid", "blocked", "conflict"].includes(status.kind);
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-status"
      className={`text-sm ${bad ? "font-semibold text-red-700 dark:text-red-400" : "text-neutral-700 dark:text-neutral-300"}`}
    >
      {statusText(status)}
    </p>
  );
}

type ConflictBannerProps = { articleId: string; current: ConflictInfo; onCopy: () => Promise<string | null>; onReload: () => void };

/** A stale save never overwrites: the writer chooses what happens to their text. */
export function ConflictBanner({ articleId, current, onCopy, onReload }: ConflictBannerProps) {
  const [other, setOther] = useState<{ headline: string; dek: string; highlights: string[]; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const who = current.updatedByName ?? "Someone else";
  return (
    <section
      role="alert"
      aria-labelledby="conflict-title"
      className="rounded border-2 border-amber-600 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
    >
      <h2 id="conflict-title" className="font-semibold">
        This article was changed by {who} while you were editing
      </h2>
      <p className="text-sm">
        Their version was saved at {new Date(current.updatedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}. Your latest changes were
        not saved over it; they are kept on this device until you choose.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className="rounded border border-amber-700 px-3 py-1 text-sm"
          onClick={async () => {
            const r = await getWorkingCopyAction(articleId).catch(() => null);
            if (r && r.ok) setOther(r.data);
            else setError("The other version could not be loaded.");
          }}
        >
          See the other version
        </button>
        <button
          type="button"
          disabled={busy}
          className="rounded border border-amber-700 px-3 py-1 text-sm"
          onClick={async () => {
            setBusy(true);
            const problem = await onCopy();
            setBusy(false);
            if (problem) setError(problem);
          }}
        >
          Keep mine as a copy
        </button>
        <button type="button" className="rounded bg-amber-700 px-3 py-1 text-sm text-white" onClick={onReload}>
          Reload
        </button>
      </div>
      {error && <p className="mt-1 text-sm font-semibold">{error}</p>}
      {other && (
        <div
          aria-label="The other version"
          role="region"
          className="mt-3 max-h-80 overflow-auto rounded bg-white p-3 text-neutral-900 dark:bg-neutral-900 dark:text-neutral-100"
        >
          <h3 className="font-serif text-lg font-bold">{other.headline || "(no headline)"}</h3>
          {other.dek && <p className="italic">{other.dek}</p>}
          {other.highlights.length > 0 && (
            <ul className="list-disc pl-5 text-sm">
              {other.highlights.map((h, i) => (
                <li key={i}>{h}</li>
              ))}
            </ul>
          )}
          <div className="mt-2 whitespace-pre-line text-sm">{other.text}</div>
        </div>
      )}
    </section>
  );
}

export function RestoreOffer({ draft, onRestore, onDiscard }: { draft: LocalDraft; onRestore: () => void; onDiscard: () => void }) {
  return (
    <section
      role="alert"
      aria-labelledby="restore-title"
      className="rounded border-2 border-blue-700 bg-blue-50 p-3 text-blue-950 dark:bg-blue-950 dark:text-blue-50"
    >
      <h2 id="restore-title" className="font-semibold">
        Unsaved changes were found on this device
      </h2>
      <p className="text-sm">
        They were made at {new Date(draft.at).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" })} and never reached the server.
      </p>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={onRestore} className="rounded bg-blue-800 px-3 py-1 text-sm text-white">
          Restore my changes
        </button>
        <button type="button" onClick={onDiscard} className="rounded border border-blue-800 px-3 py-1 text-sm">
          Discard them
        </button>
      </div>
    </section>
  );
}

export function PresenceNote({ others }: { others: { id: string; name: string }[] }) {
  if (!others.length) return null;
  const names = others.map((o) => o.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return (
    <p role="status" className="rounded bg-violet-100 px-2 py-1 text-sm text-violet-950 dark:bg-violet-950 dark:text-violet-100">
      {list} {names.length === 1 ? "is" : "are"} also editing
    </p>
  );
}
