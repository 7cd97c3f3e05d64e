"use client";

import { useTranslations } from "next-intl";
import { memo, useState } from "react";

import type { FeaturedImage } from "@/db/schema";

import type { AutosaveController } from "./autosave";
import { FieldError, inputClass } from "./fields";
import { ImageDialog } from "./image-dialog";

type FeaturedImageFieldProps = { ctl: AutosaveController; initial: FeaturedImage | null; disabled: boolean; error?: string };

export const FeaturedImageField = memo(function FeaturedImageField({ ctl, initial, disabled, error }: FeaturedImageFieldProps) {
  const t = useTranslations("editor");
  const [image, setImage] = useState(initial);
  const [open, setOpen] = useState(false);
  const commit = (next: FeaturedImage | null) => {
    setImage(next);
    ctl.set("featuredImage", next);
  };
  const edit = (key: "alt" | "caption" | "credit", value: string) => image && commit({ ...image, [key]: value });
  return (
    <div role="group" aria-labelledby="featured-label">
      <span id="featured-label" className="mb-1 block text-sm font-semibold">
        {t("fields.featuredImage")}
      </span>
      {image ? (
        <div className="space-y-1">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={image.src} alt={image.alt} className="max-h-40 rounded" />
          <label htmlFor="featured-alt" className="block text-xs font-medium">
            {t("image.featuredAlt")}
          </label>
          <input
            id="featured-alt"
            value={image.alt}
            disabled={disabled}
            required
            aria-invalid={error ? true : undefined}
            onChange={(e) => edit("alt", e.target.value)}
            className={inputClass}
          />
          <label htmlFor="featured-caption" className="block text-xs font-medium">
            {t("image.featuredCaption")}
          </label>
          <input
            id="featured-caption"
            value={image.caption ?? ""}
            disabled={disabled}
            onChange={(e) => edit("caption", e.target.value)}
            className={inputClass}
          />
          <label htmlFor="featured-credit" className="block text-xs font-medium">
            {t("image.featuredCredit")}
          </label>
          <input id="featured-credit" value={image.credit ?? ""} disabled={disabled} onChange={(e) => edit("credit", e.target.value)} className={inputClass} />
          <button type="button" disabled={disabled} onClick={() => commit(null)} className="rounded border px-2 py-0.5 text-xs">
            {t("image.featuredRemove")}
          </button>
        </div>
      ) : (
        <button type="button" disabled={disabled} onClick={() => setOpen(true)} className="rounded border border-neutral-400 px-2 py-1 text-sm">
          {t("image.featuredChoose")}
        </button>
      )}
      <FieldError id="featured-error" error={error} />
      <ImageDialog
        open={open}
        title={t("image.featuredTitle")}
        submitLabel={t("image.featuredSubmit")}
        onClose={() => setOpen(false)}
        onInsert={(img) => {
          commit({ src: img.src, alt: img.alt, caption: img.caption, credit: img.credit });
          setOpen(false);
        }}
      />
    </div>
  );
});
