import Link from "next/link";

/** A newsroom page that only says why there is nothing to show (403, 404), with the way back to the dashboard. */
export function StatusPage({ title, text, back }: { title: string; text: string; back: string }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="font-serif text-3xl font-bold">{title}</h1>
      <p className="mt-4">{text}</p>
      <p className="mt-6">
        <Link prefetch={false} href="/newsroom" className="underline">
          {back}
        </Link>
      </p>
    </div>
  );
}
