"use client";

import type { Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { memo, useEffect, useMemo, useRef, type ReactNode } from "react";

import type { FeaturedImage, SeoFields } from "@/db/schema";
import { LIMITS } from "@/lib/validations/article";

import { AuthorsField } from "./authors-field";
import type { AutosaveController } from "./autosave";
import { FeaturedImageField } from "./featured-image-field";
import { SelectField, SlugField, TextField } from "./fields";
import { HighlightsField } from "./highlights-field";
import { LiveBodyEditor } from "./live-body";
import type { LiveSession } from "./live-session";
import { SeoFieldsSection } from "./seo-fields";
import { TagsField } from "./tags-field";
import type { InputTypographyOptions } from "./typography-input";

export type Person = { id: string; name: string };
export type FormValues = {
  headline: string;
  dek: string;
  highlights: string[];
  body: unknown;
  tags: string[];
  sectionId: number | null;
  language: string;
  slug: string;
  featuredImage: FeaturedImage | null;
  seo: SeoFields;
  authors: Person[];
};

/** The article languages offered (names in editor.languages). */
export const LANGUAGES = ["fr", "en", "de", "es", "it", "ar", "zh"] as const;

type ArticleFormProps = {
  ctl: AutosaveController;
  values: FormValues;
  slugAuto: boolean;
  slugLocked: boolean;
  sections: { id: number; name: string }[];
  people: Person[];
  editable: boolean;
  errors: Record<string, string[]>;
  headlineBus: EventTarget;
  savedSlugBus: EventTarget;
  onEditor: (editor: Editor | null) => void;
  onBodyDirty: () => void;
  /** The user's "Typography as you type" preference. */
  typography: boolean;
  /** The live (co-editing) session of the body, once created in the browser. */
  live: LiveSession | null;
  /** Workflow buttons, discussion and timeline (server-rendered by the workflow module). */
  aside?: ReactNode;
};

/** Every field owns its state; this form re-renders only when errors or editability change. */
export const ArticleForm = memo(function ArticleForm(p: ArticleFormProps) {
  const t = useTranslations("editor");
  const err = (k: string) => p.errors[k]?.join(" ");
  const disabled = !p.editable;
  const known = LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }));
  const languages = known.some((l) => l.value === p.values.language) ? known : [...known, { value: p.values.language, label: p.values.language }];
  // The headline, dek and key points follow the article's language as it changes, like the body.
  const language = useRef(p.values.language);
  const { headlineBus, typography } = p;
  useEffect(() => {
    const follow = (e: Event) => void (language.current = (e as CustomEvent<string>).detail);
    headlineBus.addEventListener("language", follow);
    return () => headlineBus.removeEventListener("language", follow);
  }, [headlineBus]);
  const typing: InputTypographyOptions = useMemo(() => ({ language: () => language.current, enabled: () => typography }), [typography]);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="space-y-4">
        <TextField
          ctl={p.ctl}
          name="headline"
          label={t("fields.headline")}
          initial={p.values.headline}
          max={LIMITS.headline}
          disabled={disabled}
          error={err("headline")}
          onValue={(v) => p.headlineBus.dispatchEvent(new CustomEvent("headline", { detail: v }))}
          className="font-serif text-2xl font-bold"
          typing={typing}
        />
        <TextField
          ctl={p.ctl}
          name="dek"
          label={t("fields.dek")}
          initial={p.values.dek}
          max={LIMITS.dek}
          multiline
          disabled={disabled}
          error={err("dek")}
          onValue={(v) => p.headlineBus.dispatchEvent(new CustomEvent("dek", { detail: v }))}
          typing={typing}
        />
        <HighlightsField ctl={p.ctl} initial={p.values.highlights} disabled={disabled} error={err("highlights")} typing={typing} />
        <LiveBodyEditor
          live={p.live}
          initial={p.values.body}
          editable={p.editable}
          error={err("body")}
          onReady={p.onEditor}
          onDirty={p.onBodyDirty}
          language={p.values.language}
          languageBus={p.headlineBus}
          typography={p.typography}
        />
      </div>
      <div className="space-y-4">
        {p.aside}
        <TagsField ctl={p.ctl} initial={p.values.tags} disabled={disabled} error={err("tags")} />
        <SelectField
          ctl={p.ctl}
          name="sectionId"
          label={t("fields.sectionId")}
          initial={p.values.sectionId ? String(p.values.sectionId) : ""}
          options={[{ value: "", label: t("form.noSection") }, ...p.sections.map((s) => ({ value: String(s.id), label: s.name }))]}
          disabled={disabled}
          error={err("sectionId")}
        />
        <SelectField
          ctl={p.ctl}
          name="language"
          label={t("fields.language")}
          initial={p.values.language}
          options={languages}
          disabled={disabled}
          error={err("language")}
          onValue={(v) => p.headlineBus.dispatchEvent(new CustomEvent("language", { detail: v }))}
        />
        <SlugField
          ctl={p.ctl}
          initial={p.values.slug}
          initialAuto={p.slugAuto}
          locked={p.slugLocked}
          disabled={disabled}
          error={err("slug")}
          headlineBus={p.headlineBus}
          savedSlugBus={p.savedSlugBus}
        />
        <AuthorsField ctl={p.ctl} initial={p.values.authors} people={p.people} disabled={disabled} error={err("authorIds")} />
        <FeaturedImageField ctl={p.ctl} initial={p.values.featuredImage} disabled={disabled} error={err("featuredImage")} />
        <SeoFieldsSection
          ctl={p.ctl}
          initial={p.values.seo}
          headline={p.values.headline}
          dek={p.values.dek}
          featuredImage={p.values.featuredImage}
          path={`/articles/${p.values.slug}`}
          headlineBus={p.headlineBus}
          disabled={disabled}
          errors={p.errors}
        />
      </div>
    </div>
  );
});
