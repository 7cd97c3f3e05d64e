"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { createPreviewLinkAction, revokePreviewLinkAction } from "@/app/(newsroom)/newsroom/articles/preview-actions";

const CHOICES = [1, 6, 24, 48, 72, 168];

/** Creates a link; its address is shown here once (only its hash is kept). */
export function SharePreviewForm({ articleId, defaultHours }: { articleId: string; defaultHours: number }) {
  const t = useTranslations("workflow.share");
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
      setError(t("createFailed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-2">
      <label className="block">
        <span className="block font-medium">{t("expiresAfter")}</span>
        <select
          value={hours}
          onChange={(e) => setHours(Number(e.target.value))}
          className="mt-1 rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-900"
        >
          {CHOICES.map((hours) => (
            <option key={hours} value={hours}>
              {hours < 24 ? t("hours", { hours }) : t("days", { days: hours / 24 })}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend className="font-medium">{t("shows")}</legend>
        {/* Radios of 24 px: a target a finger or a shaky hand can hit (WCAG 2.2 target size). */}
        <label className="mr-3 inline-flex items-center gap-1">
          <input type="radio" name="preview-pin" checked={!pinned} onChange={() => setPinned(false)} className="h-6 w-6" /> {t("alwaysLatest")}
        </label>
        <label className="inline-flex items-center gap-1">
          <input type="radio" name="preview-pin" checked={pinned} onChange={() => setPinned(true)} className="h-6 w-6" /> {t("thisVersion")}
        </label>
      </fieldset>
      <button type="button" onClick={share} disabled={busy} className="rounded border border-neutral-400 px-3 py-1 disabled:opacity-50">
        {t("share")}
      </button>
      {error && (
        <p role="alert" className="text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
      {url && (
        <div role="status">
          <label className="block">
            <span className="block">{t("linkOnce")}</span>
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
  const t = useTranslations("workflow.share");
  const router = useRouter();
  const [error, setError] = useState("");
  const revoke = async () => {
    setError("");
    const r = await revokePreviewLinkAction({ articleId, linkId }).catch(() => null);
    if (!r || !r.ok) return setError(r?.message ?? t("revokeFailed"));
    router.refresh();
  };
  return (
    <>
      <button type="button" onClick={revoke} aria-label={t("revokeLabel", { id: linkId })} className="rounded border border-neutral-400 px-2 py-0.5 text-xs">
        {t("revoke")}
      </button>
      {error && (
        <span role="alert" className="text-red-800 dark:text-red-300">
          {error}
        </span>
      )}
    </>
  );
}
