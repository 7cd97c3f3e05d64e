import type { Metadata } from "next";
import Link from "next/link";

import { getDb } from "@/db";
import { requirePower } from "@/lib/auth/guards";
import { getSettings } from "@/lib/settings";

import { ChecklistSettings } from "./checklist-settings";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePower("settings:manage", "/newsroom/settings");
  const settings = await getSettings(await getDb());
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-3xl font-bold">Settings</h1>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">
        Changes reach the public site at the next page load. Until the site language is saved here, it comes from the <code>SITE_LANGUAGE</code> environment
        variable (French when unset).
      </p>
      <nav aria-label="Integrations" className="flex gap-4 text-sm">
        <Link href="/newsroom/settings/api" className="underline">
          Content API keys
        </Link>
        <Link href="/newsroom/settings/webhooks" className="underline">
          Webhooks
        </Link>
      </nav>
      <SettingsForm settings={settings} />
      <ChecklistSettings />
    </div>
  );
}
