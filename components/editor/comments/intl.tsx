"use client";

import { NextIntlClientProvider } from "next-intl";
import { useSyncExternalStore, type ReactNode } from "react";

import en from "@/messages/en/comments.json";
import fr from "@/messages/fr/comments.json";

const CATALOGUES = { en, fr } as const;
type Locale = keyof typeof CATALOGUES;
const noop = () => () => {};

/** The newsroom's language as its layout declares it (the lang of the page's main region). */
function readLocale(): Locale {
  const lang = document.getElementById("main")?.closest("[lang]")?.getAttribute("lang") ?? "en";
  return lang.startsWith("fr") ? "fr" : "en";
}

/** The `comments` catalogue for the inline comments' client components, in the newsroom's language. */
export function CommentsIntl({ children }: { children: ReactNode }) {
  const locale = useSyncExternalStore(noop, readLocale, () => "en" as Locale);
  return (
    <NextIntlClientProvider locale={locale} messages={{ comments: CATALOGUES[locale] }} timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
