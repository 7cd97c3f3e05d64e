import type { Metadata } from "next";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listApiKeys } from "@/db/queries/api-keys";
import { requirePower } from "@/lib/auth/guards";
import { getSettings } from "@/lib/settings";

import { CreateApiKeyForm, RevokeApiKeyButton } from "./api-key-forms";

export const metadata: Metadata = { title: "Content API keys" };

export default async function ApiKeysPage() {
  await requirePower("api_keys:manage", "/newsroom/settings/api");
  const db = await getDb();
  const [keys, settings] = await Promise.all([listApiKeys({ db }), getSettings(db)]);
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: settings.timeZone });
  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Content API keys</h1>
      <p className="max-w-prose text-sm text-neutral-700 dark:text-neutral-300">
        Apps and partners read published articles, authors, tags and sections from <code>/api/v1</code> with a key. The description is at{" "}
        <a className="underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <section aria-labelledby="new-key-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
        <h2 id="new-key-heading" className="mb-3 text-xl font-semibold">
          Create a key
        </h2>
        <CreateApiKeyForm />
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-3 text-xl font-semibold">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p>No key yet.</p>
        ) : (
          <DataTable columns={["Name", "Key", "Created", "Last used", "Status", "Actions"]}>
            {keys.map((k) => (
              <tr key={k.id} className="border-b border-neutral-200 align-top dark:border-neutral-800">
                <th scope="row" className="py-2 pr-3 font-medium">
                  {k.name}
                </th>
                <td className="py-2 pr-3 font-mono text-xs">{k.prefix}…</td>
                <td className="py-2 pr-3">
                  {when.format(k.createdAt)}
                  {k.createdByName && <span className="block text-xs text-neutral-600 dark:text-neutral-400">by {k.createdByName}</span>}
                </td>
                <td className="py-2 pr-3">{k.lastUsedAt ? when.format(k.lastUsedAt) : "Never"}</td>
                <td className="py-2 pr-3">{k.revokedAt ? `Revoked ${when.format(k.revokedAt)}` : "Active"}</td>
                <td className="py-2">{!k.revokedAt && <RevokeApiKeyButton keyId={k.id} name={k.name} />}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
