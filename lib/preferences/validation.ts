import { z } from "zod";

/** The languages the newsroom interface can speak (the site languages); "" means "the site language". */
export const INTERFACE_LANGUAGES = ["fr", "en"] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

export const preferencesSchema = z.object({
  interfaceLanguage: z.union([z.literal(""), z.enum(INTERFACE_LANGUAGES)], { error: "Choose French, English or the site language." }),
  typographyAsYouType: z.boolean(),
});

export type PreferencesInput = { interfaceLanguage: string; typographyAsYouType: string };

/** What the form sent, as typed: an unticked checkbox sends nothing. */
export function preferencesFromForm(form: FormData): PreferencesInput {
  const language = form.get("interfaceLanguage");
  return { interfaceLanguage: typeof language === "string" ? language : "", typographyAsYouType: form.get("typographyAsYouType") === "on" ? "on" : "" };
}
