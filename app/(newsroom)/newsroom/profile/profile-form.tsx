"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useState } from "react";

import { FormField, FormMessage, inputClass } from "@/components/accounts/form-field";
import type { FormState } from "@/lib/actions/result";
import { MAX_IMAGE_BYTES } from "@/lib/images/limits";
import { BIO_MAX, MAX_LINKS, type ProfileInput } from "@/lib/profiles/validation";

import { updateProfileAction } from "./actions";

/** Not words to translate: a site's own name as an example, and the start of a web address. */
const EXAMPLE_SITE = "Mastodon";
const URL_START = "https://";

export type ProfileFormProps = { userId: string; photoPath: string | null; initial: ProfileInput };

export function ProfileForm({ userId, photoPath, initial }: ProfileFormProps) {
  const t = useTranslations("profile");
  const format = useFormatter();
  const [state, action, pending] = useActionState<FormState<undefined, undefined, ProfileInput>, FormData>(updateProfileAction, null);
  // After an error the form shows what was typed; after a success, what was saved.
  const v = state?.values ?? initial;
  const e = (state?.ok === false && state.fieldErrors) || {};
  const [bioLength, setBioLength] = useState([...v.bio].length);
  // Checked here too: a file over the request limit (12 MB) would never reach the server's own check.
  const [photoError, setPhotoError] = useState<string | null>(null);
  /** Clears an oversize file from the input and says why; true when the file may be sent. */
  const checkPhoto = (input: HTMLInputElement | null) => {
    const file = input?.files?.[0];
    if (input && file && file.size > MAX_IMAGE_BYTES) {
      setPhotoError(t("photoTooLarge", { size: format.number(file.size / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) }));
      input.value = "";
      return false;
    }
    // No file now (none chosen, or a refused one cleared): a refusal stays shown, since that
    // photo is not saved with the rest.
    if (file) setPhotoError(null);
    return true;
  };
  const rows = Math.min(MAX_LINKS, v.links.length + 2);
  return (
    <form
      action={action}
      noValidate
      className="mt-6 space-y-5"
      aria-describedby="profile-message"
      onSubmit={(ev) => {
        if (!checkPhoto(ev.currentTarget.elements.namedItem("photo") as HTMLInputElement | null)) ev.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <FormField id="displayName" label={t("displayName")} errors={e.displayName}>
        {(aria) => <input {...aria} name="displayName" defaultValue={v.displayName} className={inputClass} />}
      </FormField>
      <FormField id="slug" label={t("slug")} errors={e.slug} hint={t("slugHint")}>
        {(aria) => <input {...aria} name="slug" defaultValue={v.slug} className={inputClass} />}
      </FormField>
      <FormField id="jobTitle" label={t("jobTitle")} errors={e.jobTitle}>
        {(aria) => <input {...aria} name="jobTitle" defaultValue={v.jobTitle} className={inputClass} />}
      </FormField>
      <FormField id="bio" label={t("bio")} errors={e.bio} hint={t("bioHint", { length: bioLength, max: BIO_MAX })}>
        {(aria) => (
          <textarea {...aria} name="bio" rows={8} defaultValue={v.bio} onChange={(ev) => setBioLength([...ev.target.value].length)} className={inputClass} />
        )}
      </FormField>
      <FormField id="bioLanguage" label={t("bioLanguage")} errors={e.bioLanguage} hint={t("bioLanguageHint")}>
        {(aria) => <input {...aria} name="bioLanguage" defaultValue={v.bioLanguage} className={`${inputClass} max-w-32`} />}
      </FormField>
      <FormField id="location" label={t("location")} errors={e.location}>
        {(aria) => <input {...aria} name="location" defaultValue={v.location} className={inputClass} />}
      </FormField>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{t("links")}</legend>
        {e.links && <p className="text-sm text-red-700 dark:text-red-400">{e.links.join(" ")}</p>}
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="grid gap-2 sm:grid-cols-[1fr_2fr]">
            <FormField id={`links.${i}.label`} label={t("linkLabel", { n: i + 1 })} errors={e[`links.${i}.label`]}>
              {(aria) => <input {...aria} name={`links.${i}.label`} defaultValue={v.links[i]?.label ?? ""} placeholder={EXAMPLE_SITE} className={inputClass} />}
            </FormField>
            <FormField id={`links.${i}.url`} label={t("linkUrl", { n: i + 1 })} errors={e[`links.${i}.url`]}>
              {(aria) => (
                <input {...aria} name={`links.${i}.url`} type="url" defaultValue={v.links[i]?.url ?? ""} placeholder={URL_START} className={inputClass} />
              )}
            </FormField>
          </div>
        ))}
      </fieldset>
      <div className="flex items-start gap-4">
        {photoPath && (
          // eslint-disable-next-line @next/next/no-img-element -- an uploaded file, already resized
          <img src={photoPath} alt={t("currentPhoto")} width={96} height={96} className="h-24 w-24 rounded object-cover" />
        )}
        <div className="flex-1">
          <FormField id="photo" label={t("photo")} errors={photoError ? [photoError] : e.photo} hint={t("photoHint")}>
            {(aria) => (
              <input
                {...aria}
                name="photo"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                className="mt-1 block text-sm"
                onChange={(ev) => checkPhoto(ev.target)}
              />
            )}
          </FormField>
        </div>
      </div>
      <FormMessage id="profile-message" ok={state?.ok} message={state?.message} />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-neutral-900 px-4 py-2 font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
      >
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
