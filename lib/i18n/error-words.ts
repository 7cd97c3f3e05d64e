import { createTranslator } from "use-intl/core";

import en from "@/messages/en/errors.json";
import fr from "@/messages/fr/errors.json";

/*
 * The words of the error pages (app/error.tsx, app/global-error.tsx). They are client components
 * drawn when something failed, outside any provider and without asking the server which language
 * the reader uses: they say it in both, French first (the site's default), from the catalogue.
 * Only the "errors" catalogue is bundled, not the whole interface.
 */
const french = createTranslator({ locale: "fr", messages: { errors: fr }, namespace: "errors.page" });
const english = createTranslator({ locale: "en", messages: { errors: en }, namespace: "errors.page" });

export const errorWords = {
  title: `${french("title")} · ${english("title")}`,
  text: `${french("text")} · ${english("text")}`,
  retry: `${french("retry")} · ${english("retry")}`,
  reference: (digest: string) => french("reference", { digest }),
};
