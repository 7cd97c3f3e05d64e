import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  if (await getCurrentUser()) redirect(next?.startsWith("/") && !next.startsWith("//") ? next : "/newsroom");
  return (
    <main id="main" className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">Sign in to the newsroom</h1>
      <LoginForm next={next} />
    </main>
  );
}
