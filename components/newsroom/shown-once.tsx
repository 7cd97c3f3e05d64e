export type ShownOnceProps = { id: string; label: string; value: string; children?: React.ReactNode };

/** A secret the server keeps no readable copy of (an API key, a signing secret), shown once to copy. */
export function ShownOnce({ id, label, value, children }: ShownOnceProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        onFocus={(ev) => ev.currentTarget.select()}
        className="mt-1 w-full rounded border border-neutral-500 bg-neutral-100 px-2 py-1 font-mono text-xs dark:bg-neutral-900"
      />
      {children && <p className="mt-1 text-xs text-neutral-600 dark:text-neutral-400">{children}</p>}
    </div>
  );
}
