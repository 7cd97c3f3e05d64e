import Link from "next/link";

/** Shown with HTTP 403 when a signed-in user asks for a newsroom page their role does not open. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="font-serif text-3xl font-bold">Access denied</h1>
      <p className="mt-4">Your role does not give access to this page (403).</p>
      <p className="mt-6">
        <Link href="/newsroom" className="underline">
          Back to the dashboard
        </Link>
      </p>
    </div>
  );
}
