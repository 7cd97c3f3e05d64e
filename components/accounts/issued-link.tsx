export type IssuedLinkProps = { id: string; link: string };

/** The one-time link, shown once to the admin so they can pass it on. */
export function IssuedLink({ id, link }: IssuedLinkProps) {
  return (
    <div className="mt-2">
      <label htmlFor={id} className="block text-sm font-medium">
        Set-password link
      </label>
      <input
        id={id}
        readOnly
        value={link}
        onFocus={(e) => e.currentTarget.select()}
        className="mt-1 w-full rounded border border-neutral-500 bg-neutral-100 px-2 py-1 font-mono text-xs dark:bg-neutral-900"
      />
    </div>
  );
}
