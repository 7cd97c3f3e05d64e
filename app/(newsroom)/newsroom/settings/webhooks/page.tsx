import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listRecentDeliveries, listWebhookEndpoints } from "@/db/queries/webhooks";
import { WEBHOOK_EVENTS } from "@/db/schema";
import { requirePower } from "@/lib/auth/guards";
import { newsroomLocale } from "@/lib/i18n/interface";
import { getSettings } from "@/lib/settings";

import { CreateWebhookForm, DeleteWebhookButton, RedeliverButton } from "./webhook-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "settings.webhooks" });
  return { title: t("title") };
}

export default async function WebhooksPage() {
  await requirePower("webhooks:manage", "/newsroom/settings/webhooks");
  const db = await getDb();
  const [endpoints, settings] = await Promise.all([listWebhookEndpoints({ db }), getSettings(db)]);
  const log = await listRecentDeliveries({ db, endpointIds: endpoints.map((e) => e.id), perEndpoint: 20 });
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "settings.webhooks" });
  // English dates stay day-first (en-GB), as the newsroom has always shown them.
  const when = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { dateStyle: "medium", timeStyle: "medium", timeZone: settings.timeZone });
  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-prose text-sm text-neutral-700 dark:text-neutral-300">{t.rich("intro", { code: (chunks) => <code>{chunks}</code> })}</p>
      <section aria-labelledby="new-endpoint-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
        <h2 id="new-endpoint-heading" className="mb-3 text-xl font-semibold">
          {t("add")}
        </h2>
        <CreateWebhookForm events={WEBHOOK_EVENTS} />
      </section>
      {endpoints.length === 0 && <p>{t("empty")}</p>}
      {endpoints.map((e) => {
        const deliveries = log.deliveries.filter((d) => d.endpointId === e.id);
        return (
          <section key={e.id} aria-label={t("endpoint", { url: e.url })} className="space-y-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="font-mono text-base font-semibold break-all">{e.url}</h2>
              <DeleteWebhookButton endpointId={e.id} url={e.url} />
            </div>
            <p className="text-sm">{t("events", { events: e.events.join(", ") })}</p>
            {deliveries.length === 0 ? (
              <p className="text-sm">{t("noDelivery")}</p>
            ) : (
              <DataTable
                columns={[t("columns.event"), t("columns.queued"), t("columns.status"), t("columns.attempts"), t("columns.actions")]}
                caption={t("log", { url: e.url })}
              >
                {deliveries.map((d) => {
                  const attempts = log.attempts.filter((a) => a.deliveryId === d.id);
                  const label = t("deliveryOf", { event: d.event, date: when.format(d.createdAt) });
                  return (
                    <tr key={d.id} className="border-b border-neutral-200 align-top dark:border-neutral-800">
                      <th scope="row" className="py-2 pr-3 font-mono text-xs font-normal">
                        {d.event}
                        <span className="block text-neutral-600 dark:text-neutral-400">{d.messageId}</span>
                      </th>
                      <td className="py-2 pr-3">{when.format(d.createdAt)}</td>
                      <td className="py-2 pr-3">
                        {t("status", { status: d.status })}
                        {d.status === "pending" && d.attempts > 0 && (
                          <span className="block text-xs">{t("nextTry", { date: when.format(d.nextAttemptAt) })}</span>
                        )}
                      </td>
                      <td className="py-2 pr-3">
                        <ul>
                          {attempts.map((a, i) => (
                            <li key={i}>
                              {t("latency", { code: a.statusCode ?? t("noAnswer"), ms: String(a.latencyMs) })}
                              {/* "answered 500" says again, in English, the code just shown: only a failure without an answer is spelled out. */}
                              {a.error && a.statusCode === null && <span className="block text-xs text-neutral-600 dark:text-neutral-400">{a.error}</span>}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td className="py-2">
                        <RedeliverButton deliveryId={d.id} label={label} />
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            )}
          </section>
        );
      })}
    </div>
  );
}
