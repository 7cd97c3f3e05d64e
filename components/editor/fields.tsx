"use client";

import { useTranslations } from "next-intl";
import { memo, useEffect, useId, useMemo, useState } from "react";

import { slugify } from "@/lib/slug";

import type { AutosaveController } from "./autosave";
import { typographyRef, type InputTypographyOptions } from "./typography-input";

export const inputClass =
  "w-full rounded border border-neutral-400 px-2 py-1 aria-invalid:border-red-600 disabled:bg-neutral-100 dark:border-neutral-600 dark:bg-neutral-900 dark:disabled:bg-neutral-800";

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
      {error}
    </p>
  );
}

type TextFieldProps = {
  ctl: AutosaveController;
  name: "headline" | "dek";
  label: string;
  initial: string;
  max: number;
  multiline?: boolean;
  disabled: boolean;
  error?: string;
  onValue?: (value: string) => void;
  className?: string;
  /** Typography as you type (the user's switch and the article's language). */
  typing?: InputTypographyOptions;
};

/** Owns its value: typing here re-renders this field only. */
export const TextField = memo(function TextField({ ctl, name, label, initial, max, multiline, disabled, error, onValue, className, typing }: TextFieldProps) {
  const t = useTranslations("editor");
  const tv = useTranslations("validation");
  const [value, setValue] = useState(initial);
  const ref = useMemo(() => typographyRef(typing), [typing]);
  const id = `field-${name}`;
  const hint = `${id}-count`;
  // No maxLength: a pasted text longer than the limit stays whole, marked at the field, for the
  // writer to shorten (the browser would cut it without a word). The server refuses it too.
  const shown = error ?? (value.length > max ? tv(name === "headline" ? "article.headlineMax" : "article.dekMax", { max }) : undefined);
  const change = (v: string) => {
    setValue(v);
    ctl.set(name, v);
    onValue?.(v);
  };
  const common = {
    id,
    name,
    value,
    disabled,
    "aria-invalid": shown ? true : undefined,
    "aria-describedby": shown ? `${id}-error ${hint}` : hint,
  } as const;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold">
        {label}
      </label>
      {multiline ? (
        <textarea {...common} ref={ref} rows={2} onChange={(e) => change(e.target.value)} className={`${inputClass} ${className ?? ""}`} />
      ) : (
        <input {...common} ref={ref} onChange={(e) => change(e.target.value)} className={`${inputClass} ${className ?? ""}`} />
      )}
      <p id={hint} className="mt-0.5 text-right text-xs text-neutral-600 dark:text-neutral-400">
        {t("form.count", { count: value.length, max })}
      </p>
      <FieldError id={`${id}-error`} error={shown} />
    </div>
  );
});

type SlugFieldProps = {
  ctl: AutosaveController;
  initial: string;
  initialAuto: boolean;
  locked: boolean;
  disabled: boolean;
  error?: string;
  headlineBus: EventTarget;
  savedSlugBus: EventTarget;
};

/** Follows the headline until typed by hand; locked after the first publication (the URL is public). */
export const SlugField = memo(function SlugField({ ctl, initial, initialAuto, locked, disabled, error, headlineBus, savedSlugBus }: SlugFieldProps) {
  const t = useTranslations("editor");
  const [value, setValue] = useState(initial);
  const [auto, setAuto] = useState(initialAuto && !locked);
  // Published while open (the workflow panel refreshed the page): the URL is public now. The slug
  // stops following the headline, shows the published one, and a followed value still waiting to
  // be saved is dropped (the server refuses it, and with it the headline it came with).
  const following = auto && !locked;
  useEffect(() => {
    if (!locked) return;
    ctl.drop("slug");
    ctl.drop("slugAuto");
  }, [locked, ctl]);
  useEffect(() => {
    if (!following) return;
    const follow = (e: Event) => {
      const next = slugify((e as CustomEvent<string>).detail);
      if (!next) return;
      setValue(next);
      ctl.set("slug", next);
      ctl.set("slugAuto", true);
    };
    const saved = (e: Event) => setValue((e as CustomEvent<string>).detail);
    headlineBus.addEventListener("headline", follow);
    savedSlugBus.addEventListener("slug", saved);
    return () => {
      headlineBus.removeEventListener("headline", follow);
      savedSlugBus.removeEventListener("slug", saved);
    };
  }, [following, ctl, headlineBus, savedSlugBus]);
  const hintId = useId();
  return (
    <div>
      <label htmlFor="field-slug" className="mb-1 block text-sm font-semibold">
        {t("fields.slug")}
      </label>
      <input
        id="field-slug"
        value={locked ? initial : value}
        readOnly={locked}
        disabled={disabled}
        maxLength={80}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${hintId}${error ? " field-slug-error" : ""}`}
        onChange={(e) => {
          setAuto(false);
          setValue(e.target.value);
          ctl.set("slug", e.target.value);
          ctl.set("slugAuto", false);
        }}
        onBlur={() => {
          const folded = slugify(value);
          if (folded && folded !== value && !locked) {
            setValue(folded);
            ctl.set("slug", folded);
          }
        }}
        className={`${inputClass} font-mono text-sm`}
      />
      <p id={hintId} className="mt-0.5 text-xs text-neutral-600 dark:text-neutral-400">
        {locked ? t("form.slugLocked") : following ? t("form.slugFollows") : t("form.slugRules")}
      </p>
      <FieldError id="field-slug-error" error={error} />
    </div>
  );
});

type SelectFieldProps = {
  ctl: AutosaveController;
  name: "sectionId" | "language";
  label: string;
  initial: string;
  options: { value: string; label: string }[];
  disabled: boolean;
  error?: string;
  onValue?: (value: string) => void;
};

export const SelectField = memo(function SelectField({ ctl, name, label, initial, options, disabled, error, onValue }: SelectFieldProps) {
  const [value, setValue] = useState(initial);
  const id = `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          ctl.set(name, name === "sectionId" ? (e.target.value ? Number(e.target.value) : null) : e.target.value);
          onValue?.(e.target.value);
        }}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
});
