"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";

import { uploadImageAction } from "@/app/(newsroom)/newsroom/articles/actions";
import { ACCEPTED_IMAGE_TYPES, MAX_IMAGE_BYTES } from "@/lib/images/limits";

export type ImageChoice = { src: string; alt: string; caption?: string; credit?: string };

type ImageDialogProps = {
  open: boolean;
  title: string;
  submitLabel: string;
  onInsert: (image: ImageChoice) => void;
  onClose: () => void;
  /** An image pasted or dropped in the body: already chosen, it still needs its alt text. */
  file?: File | null;
};

/** Upload with the words that must go with it: alt text is required before anything is inserted. */
export function ImageDialog({ open, title, submitLabel, onInsert, onClose, file }: ImageDialogProps) {
  const t = useTranslations("editor.image");
  const ref = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const uid = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setError("");
      const input = dialog.querySelector<HTMLInputElement>('input[type="file"]');
      if (input && file) {
        const chosen = new DataTransfer();
        chosen.items.add(file);
        input.files = chosen.files;
      }
      dialog.showModal();
      if (file) dialog.querySelector<HTMLInputElement>('input[name="alt"]')?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open, file]);

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const alt = String(form.get("alt") ?? "").trim();
    if (!alt) return setError(t("altRequired"));
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError(t("chooseFile"));
    // Same limit as the server (lib/images/upload.ts); larger bodies would not even reach it.
    if (file.size > MAX_IMAGE_BYTES) return setError(t("tooLarge"));
    setBusy(true);
    const upload = new FormData();
    upload.set("file", file);
    try {
      const r = await uploadImageAction(upload);
      if (!r.ok) return setError(r.message);
      onInsert({
        src: r.data.url,
        alt,
        caption: String(form.get("caption") ?? "").trim() || undefined,
        credit: String(form.get("credit") ?? "").trim() || undefined,
      });
      formEl.reset();
    } catch {
      setError(t("uploadFailed"));
    } finally {
      setBusy(false);
    }
  };

  const field = "rounded border border-neutral-400 px-2 py-1 dark:bg-neutral-800";
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={`${uid}-image-dialog-title`}
      className="rounded-lg p-0 backdrop:bg-black/40 dark:bg-neutral-900 dark:text-neutral-100"
    >
      {/* noValidate: a missing alt text gets the newsroom's own message, in its language, not the browser's bubble. */}
      <form onSubmit={submit} noValidate className="flex w-[28rem] max-w-full flex-col gap-2 p-4">
        <h2 id={`${uid}-image-dialog-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <label htmlFor={`${uid}-image-file`} className="text-sm font-medium">
          {t("file")}
        </label>
        <input id={`${uid}-image-file`} name="file" type="file" accept={ACCEPTED_IMAGE_TYPES.join(",")} className={field} />
        <label htmlFor={`${uid}-image-alt`} className="text-sm font-medium">
          {t("alt")}
        </label>
        <input id={`${uid}-image-alt`} name="alt" required maxLength={300} className={field} />
        <label htmlFor={`${uid}-image-caption`} className="text-sm font-medium">
          {t("caption")}
        </label>
        <input id={`${uid}-image-caption`} name="caption" maxLength={300} className={field} />
        <label htmlFor={`${uid}-image-credit`} className="text-sm font-medium">
          {t("credit")}
        </label>
        <input id={`${uid}-image-credit`} name="credit" maxLength={200} className={field} />
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="mt-2 flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded border px-3 py-1">
            {t("cancel")}
          </button>
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-neutral-900 px-3 py-1 text-white disabled:opacity-50 dark:bg-neutral-100 dark:text-neutral-900"
          >
            {busy ? t("uploading") : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
