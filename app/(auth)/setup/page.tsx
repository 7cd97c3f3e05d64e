import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";

import { getDb } from "@/db";
import { firstRunOpen } from "@/lib/users/first-run";

import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up the newsroom", robots: { index: false } };

/** The first-run page of an empty database; once any account exists it is not there at all. */
export default async function SetupPage() {
  await connection();
  if (!(await firstRunOpen(await getDb()))) notFound();
  return (
    <main id="main" lang="en" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">Set up the newsroom</h1>
      <p className="mb-6">
        This newsroom has no account yet. Create the first admin: you will then invite everyone else from the newsroom. This page closes for good as soon as the
        account exists.
      </p>
      <SetupForm />
    </main>
  );
}
