"use client";

import { useTranslations } from "next-intl";
import { memo, useEffect, useState } from "react";

import type { FeaturedImage, SeoFields } from "@/db/schema";
import { resolveArticleSeo } from "@/lib/seo/article-seo";
import { LIMITS, SEO_GUIDANCE } from "@/lib/validations/article";

import type { AutosaveController } from "./autosave";
import { FieldError, inputClass } from "./fields";
import { ImageDialog } from "./image-dialog";

type TextKey = "seoTitle" | "metaDescription" | "socialTitle" | "socialDescription" | "canonicalUrl";

type SeoFieldsSectionProps = {
  ctl: AutosaveController;
  initial: SeoFields;
  /** What empty fields fall back to; the headline and dek follow the editor as they are typed. */
  headline: string;
  dek: string;
  featuredImage: FeaturedImage | null;
  /** The article's public path, shown in the search result preview. */
  path: string;
  /** Carries "headline" and "dek" events as they are typed. */
  headlineBus: EventTarget;
  disabled: boolean;
  errors: Record<string, string[]>;
};

/** A character count with the length search engines and social networks show before cutting. */
function Counter({ id, length, guide, max }: { id: string; length: number; guide?: number; max: number }) {
  const t = useTranslations("editor");
  const over = guide !== undefined && length > guide;
  return (
    <p id={id} className={`mt-0.5 text-right text-xs ${over ? "text-amber-800 dark:text-amber-300" : "text-neutral-600 dark:text-neutral-400"}`}>
      {t("form.count", { count: length, max })}
      {guide !== undefined && (over ? t("seo.overGuide", { guide }) : t("seo.underGuide", { guide }))}
    </p>
  );
}

/**
 * The search and social fields in a collapsible section of the editor, with live previews of a
 * search result and a social card built by the same fallbacks as the public page.
 */
export const SeoFieldsSection = memo(function SeoFieldsSection(p: SeoFieldsSectionProps) {
  const t = useTranslations("editor");
  const [seo, setSeo] = useState<SeoFields>(p.initial);
  const [headline, setHeadline] = useState(p.headline);
  const [dek, setDek] = useState(p.dek);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const followHeadline = (e: Event) => setHeadline((e as CustomEvent<string>).detail);
    const followDek = (e: Event) => setDek((e as CustomEvent<string>).detail);
    p.headlineBus.addEventListener("headline", followHeadline);
    p.headlineBus.addEventListener("dek", followDek);
    return () => {
      p.headlineBus.removeEventListener("headline", followHeadline);
      p.headlineBus.removeEventListener("dek", followDek);
    };
  }, [p.headlineBus]);
  const commit = (next: SeoFields) => {
    setSeo(next);
    p.ctl.set("seo", next);
  };
  const err = (k: string) => p.errors[`seo.${k}`]?.join(" ");
  const resolved = resolveArticleSeo({ headline, dek, featuredImage: p.featuredImage, seo });
  const hasErrors = Object.keys(p.errors).some((k) => k.startsWith("seo"));

  const field = (key: TextKey, label: string, max: number, guide?: number, multiline?: boolean) => {
    const id = `seo-${key}`;
    const value = seo[key] ?? "";
    const error = err(key);
    const common = {
      id,
      name: key,
      value,
      disabled: p.disabled,
      maxLength: max,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": error ? `${id}-error ${id}-count` : `${id}-count`,
      className: inputClass,
    } as const;
    const change = (v: string) => commit({ ...seo, [key]: v });
    return (
      <div>
        <label htmlFor={id} className="mb-1 block text-xs font-medium">
          {label}
        </label>
        {multiline ? (
          <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} />
        ) : (
          <input {...common} type={key === "canonicalUrl" ? "url" : "text"} onChange={(e) => change(e.target.value)} />
        )}
        <Counter id={`${id}-count`} length={value.length} guide={guide} max={max} />
        <FieldError id={`${id}-error`} error={error} />
      </div>
    );
  };

  return (
    <details open={open || hasErrors} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded border border-neutral-300 p-2 dark:border-neutral-700">
      <summary className="cursor-pointer text-sm font-semibold">{t("seo.summary")}</summary>
      <div className="mt-2 space-y-3">
        <p className="text-xs text-neutral-600 dark:text-neutral-400">{t("seo.emptyUse")}</p>
        {field("seoTitle", t("fields.seo_seoTitle"), LIMITS.seoTitle, SEO_GUIDANCE.title)}
        {field("metaDescription", t("fields.seo_metaDescription"), LIMITS.metaDescription, SEO_GUIDANCE.description, true)}
        <figure aria-label={t("seo.searchPreview")} className="rounded border border-neutral-200 p-2 text-sm dark:border-neutral-700">
          <figcaption className="mb-1 text-xs text-neutral-600 dark:text-neutral-400">{t("seo.searchPreview")}</figcaption>
          <p className="truncate text-xs text-green-800 dark:text-green-300">{p.path}</p>
          <p className="truncate text-base text-blue-800 dark:text-blue-300">{resolved.title}</p>
          <p className="line-clamp-2 text-neutral-700 dark:text-neutral-300">{resolved.description}</p>
        </figure>
        {field("socialTitle", t("fields.seo_socialTitle"), LIMITS.socialTitle, SEO_GUIDANCE.title)}
        {field("socialDescription", t("fields.seo_socialDescription"), LIMITS.socialDescription, SEO_GUIDANCE.description, true)}
        <SocialImageField
          image={seo.socialImage ?? null}
          disabled={p.disabled}
          error={err("socialImage")}
          onChange={(socialImage) => commit({ ...seo, socialImage })}
        />
        <figure aria-label={t("seo.socialPreview")} className="overflow-hidden rounded border border-neutral-200 text-sm dark:border-neutral-700">
          {resolved.image && (
            // eslint-disable-next-line @next/next/no-img-element -- an upload, already resized
            <img src={resolved.image.src} alt={resolved.image.alt} className="aspect-[1.91/1] w-full object-cover" />
          )}
          <figcaption className="p-2">
            <span className="block text-xs text-neutral-600 dark:text-neutral-400">{t("seo.socialPreview")}</span>
            <span className="block truncate font-semibold">{resolved.socialTitle}</span>
            <span className="line-clamp-2 block text-neutral-700 dark:text-neutral-300">{resolved.socialDescription}</span>
          </figcaption>
        </figure>
        {field("canonicalUrl", t("fields.seo_canonicalUrl"), LIMITS.canonicalUrl)}
      </div>
    </details>
  );
});

type SocialImageFieldProps = {
  image: { src: string; alt: string } | null;
  disabled: boolean;
  error?: string;
  onChange: (image: { src: string; alt: string } | null) => void;
};

/** An upload with its alt text, like the featured image; without one the card uses the featured image. */
function SocialImageField({ image, disabled, error, onChange }: SocialImageFieldProps) {
  const [dialog, setDialog] = useState(false);
  const t = useTranslations("editor");
  return (
    <div role="group" aria-labelledby="social-image-label">
      <span id="social-image-label" className="mb-1 block text-xs font-medium">
        {t("fields.seo_socialImage")}
      </span>
      {image ? (
        <div className="space-y-1">
          <label htmlFor="social-image-alt" className="block text-xs font-medium">
            {t("image.socialAlt")}
          </label>
          <input
            id="social-image-alt"
            value={image.alt}
            disabled={disabled}
            required
            aria-invalid={error ? true : undefined}
            onChange={(e) => onChange({ ...image, alt: e.target.value })}
            className={inputClass}
          />
          <button type="button" disabled={disabled} onClick={() => onChange(null)} className="rounded border px-2 py-0.5 text-xs">
            {t("image.socialRemove")}
          </button>
        </div>
      ) : (
        <button type="button" disabled={disabled} onClick={() => setDialog(true)} className="rounded border border-neutral-400 px-2 py-1 text-sm">
          {t("image.socialChoose")}
        </button>
      )}
      <FieldError id="social-image-error" error={error} />
      <ImageDialog
        open={dialog}
        title={t("image.socialTitle")}
        submitLabel={t("image.socialSubmit")}
        onClose={() => setDialog(false)}
        onInsert={(img) => {
          onChange({ src: img.src, alt: img.alt });
          setDialog(false);
        }}
      />
    </div>
  );
}
