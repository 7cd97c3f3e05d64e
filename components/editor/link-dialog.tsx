"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { isAllowedHref } from "./extensions";

/** The start of a web address: not a word to translate. */
const URL_START = "https://";

type LinkDialogProps = {
  open: boolean;
  initialHref: string;
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
};

/** A bare domain becomes https://; anything else must already be http, https or mailto. */
export function normaliseHref(input: string): string {
  const value = input.trim();
  if (/^[\w.-]+@[\w.-]+\.\w+$/.test(value)) return `mailto:${value}`;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && /^[\w-]+(\.[\w-]+)+/.test(value)) return `https://${value}`;
  return value;
}

export function LinkDialog({ open, initialHref, onApply, onRemove, onClose }: LinkDialogProps) {
  const t = useTranslations("editor.link");
  const ref = useRef<HTMLDialogElement>(null);
  const [href, setHref] = useState(initialHref);
  const [error, setError] = useState("");

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setHref(initialHref);
      setError("");
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open, initialHref]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const value = normaliseHref(href);
    if (!isAllowedHref(value)) {
      setError(t("notAllowed"));
      return;
    }
    onApply(value);
  };

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="link-dialog-title"
      className="rounded-lg p-0 backdrop:bg-black/40 dark:bg-neutral-900 dark:text-neutral-100"
    >
      <form onSubmit={submit} className="flex w-96 max-w-full flex-col gap-3 p-4">
        <h2 id="link-dialog-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <label htmlFor="link-href" className="text-sm font-medium">
          {t("address")}
        </label>
        <input
          id="link-href"
          value={href}
          onChange={(e) => setHref(e.target.value)}
          placeholder={URL_START}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "link-href-error" : undefined}
          className="rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-800"
          autoFocus
        />
        {error && (
          <p id="link-href-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          {initialHref && (
            <button type="button" onClick={onRemove} className="rounded border px-3 py-1">
              {t("remove")}
            </button>
          )}
          <button type="button" onClick={onClose} className="rounded border px-3 py-1">
            {t("cancel")}
          </button>
          <button type="submit" className="rounded bg-neutral-900 px-3 py-1 text-white dark:bg-neutral-100 dark:text-neutral-900">
            {t("apply")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
