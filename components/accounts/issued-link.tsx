import { useTranslations } from "next-intl";

import { ShownOnce } from "@/components/newsroom/shown-once";

export type IssuedLinkProps = { id: string; link: string };

/** The one-time link, shown once to the admin so they can pass it on. */
export function IssuedLink({ id, link }: IssuedLinkProps) {
  const t = useTranslations("users");
  return (
    <div className="mt-2">
      <ShownOnce id={id} label={t("link")} value={link} />
    </div>
  );
}
