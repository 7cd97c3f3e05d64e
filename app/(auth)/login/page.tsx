import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { oidcName } from "@/lib/auth/oidc";
import { safeNext } from "@/lib/auth/safe-next";
import { getCurrentUser } from "@/lib/auth/session";

import { oidcLoginAction } from "./actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends people back here with ?error=… when a single sign-on attempt is refused.
const NOTICES: Record<string, string> = {
  set: "Your password is set. Sign in with it now.",
  everywhere: "You are signed out on every device.",
  AccessDenied: "This account cannot sign in here. Ask an admin to invite you first.",
  Configuration: "Sign-in is not available right now. Try again later.",
};

type Props = { searchParams: Promise<{ next?: string; password?: string; error?: string; "signed-out"?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { next, password, error, "signed-out": signedOut } = await searchParams;
  if (await getCurrentUser()) redirect(safeNext(next));
  const sso = oidcName();
  const notice =
    password === "set" ? NOTICES.set : signedOut === "everywhere" ? NOTICES.everywhere : error ? (NOTICES[error] ?? "Sign-in failed. Try again.") : undefined;
  return (
    <main id="main" lang="en" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">Sign in to the newsroom</h1>
      {notice && (
        <p role={error ? "alert" : "status"} className="mb-4 rounded border border-neutral-400 p-3 text-sm">
          {notice}
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
