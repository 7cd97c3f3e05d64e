import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { requirePower } from "@/lib/auth/guards";
import { newsroomLocale } from "@/lib/i18n/interface";

import { CreateUserForm } from "./create-user-form";
import { UserRowActions } from "./user-row-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "users" });
  return { title: t("title") };
}

export default async function UsersPage() {
  const me = await requirePower("users:manage", "/newsroom/users");
  const users = await listUsers({ db: await getDb() });
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "users" });
  const common = await getTranslations({ locale, namespace: "common" });
  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <section aria-labelledby="invite-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
        <h2 id="invite-heading" className="mb-3 text-xl font-semibold">
          {t("invite")}
        </h2>
        <CreateUserForm />
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="mb-3 text-xl font-semibold">
          {t("everyone")}
        </h2>
        <DataTable columns={[t("columns.name"), t("columns.email"), t("columns.role"), t("columns.status"), t("columns.actions")]}>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-neutral-200 align-top dark:border-neutral-800">
              <th scope="row" className="py-2 pr-3 font-medium">
                {u.name}
                {u.id === me.id && <span className="font-normal text-neutral-600 dark:text-neutral-400"> ({t("you")})</span>}
                <div>
                  <Link prefetch={false} href={`/newsroom/profile?user=${u.id}`} className="text-xs font-normal underline">
                    {t("editProfile")}
                    <span className="sr-only"> {t("editProfileOf", { name: u.name })}</span>
                  </Link>
                </div>
              </th>
              <td className="py-2 pr-3">{u.email}</td>
              <td className="py-2 pr-3">{common("role", { role: u.role })}</td>
              <td className="py-2 pr-3">{common("status", { active: String(u.active) })}</td>
              <td className="py-2">
                <UserRowActions user={{ id: u.id, name: u.name, role: u.role, active: u.active }} />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
