import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { forbidden, notFound } from "next/navigation";

import { getDb } from "@/db";
import { getAuthorProfile } from "@/db/queries/profiles";
import { getUserById } from "@/db/queries/users";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { LOCALE_NAMES } from "@/lib/i18n/messages";
import { siteLanguage } from "@/lib/i18n/site";
import { canEditProfile } from "@/lib/permissions";
import { preferencesOf } from "@/lib/preferences/preferences";

import { signOutEverywhereAction } from "../sign-out";
import { PreferencesForm } from "./preferences-form";
import { ProfileForm } from "./profile-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "profile" });
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ user?: string }> };

export default async function ProfilePage({ searchParams }: Props) {
  const me = await requireUser("/newsroom/profile");
  const { user: requested } = await searchParams;
  const userId = requested || me.id;
  if (!canEditProfile(me, userId).ok) forbidden();
  const db = await getDb();
  const [owner, profile] = await Promise.all([getUserById({ db, id: userId }), getAuthorProfile({ db, userId })]);
  if (!owner || !profile) notFound();
  const own = owner.id === me.id;
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "profile" });
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="font-serif text-3xl font-bold">{own ? t("mine") : t("of", { name: owner.name })}</h1>
      <p className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">{t("intro")}</p>
      <ProfileForm
        userId={owner.id}
        photoPath={profile.photoPath}
        initial={{
          displayName: profile.displayName,
          slug: profile.slug,
          jobTitle: profile.jobTitle,
          bio: profile.bio,
          bioLanguage: profile.bioLanguage,
          location: profile.location,
          links: profile.links,
        }}
      />
      {own && <PreferencesSection userId={me.id} />}
      {own && (
        <section aria-labelledby="sessions-heading" className="mt-10 border-t border-neutral-300 pt-6 dark:border-neutral-700">
          <h2 id="sessions-heading" className="font-serif text-xl font-bold">
            {t("sessions")}
          </h2>
          <p className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">{t("sessionsHint")}</p>
          <form action={signOutEverywhereAction} className="mt-3">
            <button type="submit" className="rounded border border-neutral-500 px-3 py-1.5 font-medium">
              {t("signOutEverywhere")}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}

async function PreferencesSection({ userId }: { userId: string }) {
  const locale = await newsroomLocale();
  const [prefs, site, t] = await Promise.all([preferencesOf(await getDb(), userId), siteLanguage(), getTranslations({ locale, namespace: "preferences" })]);
  const text = {
    interfaceLanguage: t("interfaceLanguage"),
    siteLanguage: t("siteLanguage", { name: LOCALE_NAMES[site] }),
    typography: t("typography"),
    typographyHint: t("typographyHint"),
    save: t("save"),
    saving: t("saving"),
  };
  return (
    <section lang={locale} aria-labelledby="preferences-heading" className="mt-10 border-t border-neutral-300 pt-6 dark:border-neutral-700">
      <h2 id="preferences-heading" className="font-serif text-xl font-bold">
        {t("heading")}
      </h2>
      <PreferencesForm text={text} initial={{ interfaceLanguage: prefs.interfaceLanguage ?? "", typographyAsYouType: prefs.typographyAsYouType ? "on" : "" }} />
    </section>
  );
}
