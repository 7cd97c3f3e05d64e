import type { ReactNode } from "react";

/**
 * The newsroom's list tables (users, tags, sections, activity log): column headers with scope,
 * an optional screen-reader caption; the rows are the caller's.
 */
export function DataTable({ columns, caption, className = "", children }: { columns: string[]; caption?: string; className?: string; children: ReactNode }) {
  return (
    <table className={`w-full border-collapse text-left text-sm ${className}`}>
      {caption && <caption className="sr-only">{caption}</caption>}
      <thead>
        <tr className="border-b border-neutral-400">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={i < columns.length - 1 ? "py-2 pr-3" : "py-2"}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
