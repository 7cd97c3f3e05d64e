import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { getDb } from "@/db";
import { inspectToken } from "@/lib/users/tokens";

import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Choose your password", robots: { index: false }, referrer: "no-referrer" };

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  await connection();
  const { token = "" } = await searchParams;
  const check = await inspectToken(await getDb(), token);
  return (
    <main id="main" lang="en" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">Choose your password</h1>
      {check.ok ? (
        <>
          <p className="mb-4">
            For <strong>{check.name}</strong> ({check.email}).
          </p>
          <SetPasswordForm token={token} email={check.email} />
        </>
      ) : (
        <>
          <p role="alert">{check.message}</p>
          <p className="mt-6">
            <Link href="/login" className="underline">
              Go to the sign-in page
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
