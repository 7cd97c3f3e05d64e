import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getDb } from "@/db";
import { oidcName } from "@/lib/auth/oidc";
import { safeNext } from "@/lib/auth/safe-next";
import { getCurrentUser } from "@/lib/auth/session";
import { firstRunOpen } from "@/lib/users/first-run";

import { oidcLoginAction } from "./actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends people back here with ?error=… when a single sign-on attempt is refused.
const NOTICES: Record<string, string> = {
  set: "Your password is set. Sign in with it now.",
  setup: "The admin account is ready. Sign in with it now.",
  everywhere: "You are signed out on every device.",
  AccessDenied: "This account cannot sign in here. Ask an admin to invite you first.",
  Configuration: "Sign-in is not available right now. Try again later.",
};

type Props = { searchParams: Promise<{ next?: string; password?: string; setup?: string; error?: string; "signed-out"?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { next, password, setup, error, "signed-out": signedOut } = await searchParams;
  if (await getCurrentUser()) redirect(safeNext(next));
  const sso = oidcName();
  const notice =
    password === "set"
      ? NOTICES.set
      : setup === "done"
        ? NOTICES.setup
        : signedOut === "everywhere"
          ? NOTICES.everywhere
          : error
            ? (NOTICES[error] ?? "Sign-in failed. Try again.")
            : undefined;
  // A fresh production database has nobody to sign in as: point to the first-run page. The
  // sign-in form still shows when the database cannot be asked.
  const setupOpen = await getDb()
    .then(firstRunOpen)
    .catch(() => false);
  return (
    <main id="main" lang="en" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">Sign in to the newsroom</h1>
      {notice && (
        <p role={error ? "alert" : "status"} className="mb-4 rounded border border-neutral-400 p-3 text-sm">
          {notice}
        </p>
      )}
      {setupOpen && (
        <p role="status" className="mb-4 rounded border border-neutral-400 p-3 text-sm">
          No account exists yet.{" "}
          <Link href="/setup" className="underline">
            Set up the newsroom
          </Link>{" "}
          to create the first admin.
        </p>
      )}
      <LoginForm next={next} />
      {sso && (
        <form action={oidcLoginAction} className="mt-6 border-t border-neutral-300 pt-6 dark:border-neutral-700">
          <input type="hidden" name="next" value={next ?? ""} />
          <button type="submit" className="w-full rounded border border-neutral-500 px-4 py-2 font-medium">
            Sign in with {sso}
          </button>
        </form>
      )}
    </main>
  );
}
