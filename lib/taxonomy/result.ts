/** What taxonomy domain functions return: never throws for expected refusals. */
export type Result<T = undefined> =
  { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]>; mergeInto?: { id: number; name: string } };

export const refuse = (code: string, message: string, fieldErrors?: Record<string, string[]>) => ({ ok: false as const, code, message, fieldErrors });

/** The unique indexes on slugs decide races between two editors: 23505 is a duplicate. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return String(e.cause?.code ?? e.code) === "23505";
}
