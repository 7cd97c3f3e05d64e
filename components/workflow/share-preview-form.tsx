"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { createPreviewLinkAction, revokePreviewLinkAction } from "@/app/(newsroom)/newsroom/articles/preview-actions";

const CHOICES: { hours: number; label: string }[] = [
  { hours: 1, label: "1 hour" },
  { hours: 6, label: "6 hours" },
  { hours: 24, label: "1 day" },
  { hours: 48, label: "2 days" },
  { hours: 72, label: "3 days" },
  { hours: 168, label: "7 days" },
];

/** Creates a link; its address is shown here once (only its hash is kept). */
export function SharePreviewForm({ articleId, defaultHours }: { articleId: string; defaultHours: number }) {
  const router = useRouter();
  const [hours, setHours] = useState(defaultHours);
  const [pinned, setPinned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [url, setUrl] = useState("");
  const share = async () => {
    setBusy(true);
    setError("");
    setUrl("");
    try {
      const r = await createPreviewLinkAction({ articleId, hours, pinned });
      if (!r.ok) return setError(r.fieldErrors?.hours?.[0] ?? r.message);
      setUrl(new URL(r.data.path, window.location.origin).toString());
      router.refresh();
    } catch {
      setError("The link could not be created. Try again.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-2">
      <label className="block">
        <span className="block font-medium">Expires after</span>
        <select
          value={hours}
          onChange={(e) => setHours(Number(e.target.value))}
          className="mt-1 rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-900"
        >
          {CHOICES.map((c) => (
            <option key={c.hours} value={c.hours}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend className="font-medium">Shows</legend>
        <label className="mr-3 inline-flex items-center gap-1">
          <input type="radio" name="preview-pin" checked={!pinned} onChange={() => setPinned(false)} /> Always the latest version
        </label>
        <label className="inline-flex items-center gap-1">
          <input type="radio" name="preview-pin" checked={pinned} onChange={() => setPinned(true)} /> This version
        </label>
      </fieldset>
      <button type="button" onClick={share} disabled={busy} className="rounded border border-neutral-400 px-3 py-1 disabled:opacity-50">
        Share preview
      </button>
      {error && (
        <p role="alert" className="text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
      {url && (
        <div role="status">
          <label className="block">
            <span className="block">Preview link (shown only once: copy it now)</span>
            <input
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
              className="mt-1 w-full rounded border border-neutral-400 px-2 py-1 font-mono text-xs dark:bg-neutral-900"
            />
          </label>
        </div>
      )}
    </div>
  );
}

export function RevokePreviewButton({ articleId, linkId }: { articleId: string; linkId: number }) {
  const router = useRouter();
  const [error, setError] = useState("");
  const revoke = async () => {
    setError("");
    const r = await revokePreviewLinkAction({ articleId, linkId }).catch(() => null);
    if (!r || !r.ok) return setError(r?.message ?? "The link could not be revoked. Try again.");
    router.refresh();
  };
  return (
    <>
      <button type="button" onClick={revoke} aria-label={`Revoke link #${linkId}`} className="rounded border border-neutral-400 px-2 py-0.5 text-xs">
        Revoke
      </button>
      {error && (
        <span role="alert" className="text-red-800 dark:text-red-300">
          {error}
        </span>
      )}
    </>
  );
}
