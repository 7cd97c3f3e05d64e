import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listApiKeys } from "@/db/queries/api-keys";
import { requirePower } from "@/lib/auth/guards";
import { newsroomLocale } from "@/lib/i18n/interface";
import { getSettings } from "@/lib/settings";

import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-key-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "settings.api" });
  return { title: t("title") };
}

export default async function ApiKeysPage() {
  await requirePower("api_keys:manage", "/newsroom/settings/api");
  const db = await getDb();
  const [keys, settings] = await Promise.all([listApiKeys({ db }), getSettings(db)]);
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "settings.api" });
  // English dates stay day-first (en-GB), as the newsroom has always shown them.
  const when = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { dateStyle: "medium", timeStyle: "short", timeZone: settings.timeZone });
  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-prose text-sm text-neutral-700 dark:text-neutral-300">
        {t.rich("intro", {
          code: (chunks) => <code>{chunks}</code>,
          link: (chunks) => (
            <a className="underline" href="/api/v1/openapi.json">
              {chunks}
            </a>
          ),
        })}
      </p>
      <section aria-labelledby="new-key-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
        <h2 id="new-key-heading" className="mb-3 text-xl font-semibold">
          {t("create")}
        </h2>
        <CreateApiKeyForm />
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-3 text-xl font-semibold">
          {t("keys")}
        </h2>
        {keys.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <DataTable columns={[t("columns.name"), t("columns.key"), t("columns.created"), t("columns.lastUsed"), t("columns.status"), t("columns.actions")]}>
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-neutral-200 align-top dark:border-neutral-800">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {k.name}
                </th>
                <td className="py-2 pr-3 font-mono text-xs">{k.prefix}…</td>
                <td className="py-2 pr-3">
                  {when.format(k.createdAt)}
                  {k.createdByName && <span className="block text-xs text-neutral-600 dark:text-neutral-400">{t("by", { name: k.createdByName })}</span>}
                </td>
                <td className="py-2 pr-3">{k.lastUsedAt ? when.format(k.lastUsedAt) : t("never")}</td>
                <td className="py-2 pr-3">{k.revokedAt ? t("revokedAt", { date: when.format(k.revokedAt) }) : t("active")}</td>
                <td className="py-2">{!k.revokedAt && <RevokeApiKeyButton keyId={k.id} name={k.name} />}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
