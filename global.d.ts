import type { AppLocale, Messages } from "@/lib/i18n/messages";

// next-intl's typed keys: t("…") only takes keys of the catalogue, with their arguments.
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: Messages;
  }
}
