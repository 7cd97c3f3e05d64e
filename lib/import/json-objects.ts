import "server-only";

import type { Readable } from "node:stream";

export type JsonStack = (string | number | null)[];

/** The input, not the caller, failed: not JSON, cut short, or unreadable (`cause`, e.g. ENOENT). */
export class JsonInputError extends Error {
  override name = "JsonInputError";
  constructor(readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
  get code(): string | undefined {
    return (this.cause as NodeJS.ErrnoException | null)?.code;
  }
}

/**
 * The objects of a JSON file at the places `pick` chooses, in file order, one assembled at a time
 * (stream-json), so a file of any size is never held whole: a Ghost export's rows, a newsroom
 * export's rows. `pick(stack)` is asked at every token (the stack is the path to it) and names the
 * object starting there, or returns null to skip it; `onObject` is awaited (the file waits for it).
 * Rejects with a JsonInputError (the parser's or the file's error as its cause) when the input is
 * not JSON, ends early or cannot be read; with what `onObject` threw, as it is, when that failed.
 */
export async function scanJsonObjects<K>(
  input: Readable,
  pick: (stack: JsonStack) => K | null,
  onObject: (key: K, value: Record<string, unknown>) => Promise<void> | void,
): Promise<void> {
  const [{ default: chain }, { parser }, { pick: picker }, { streamValues }] = await Promise.all([
    import("stream-chain"),
    import("stream-json"),
    import("stream-json/filters/pick.js"),
    import("stream-json/streamers/stream-values.js"),
  ]);
  // The picker hands on the objects' tokens in file order and streamValues assembles them in that
  // order, so the key of each assembled object is the oldest one queued here when it started.
  const started: K[] = [];
  const filter = (stack: JsonStack, token: { name: string }) => {
    const key = pick(stack);
    if (key === null) return false;
    if (token.name === "startObject") started.push(key);
    return true;
  };
  const pipeline = chain([input, parser(), picker({ filter }), streamValues()]);
  const failed: { error: unknown }[] = [];
  try {
    for await (const item of pipeline as AsyncIterable<{ value: unknown }>) {
      const key = started.shift();
      if (key === undefined || !item.value || typeof item.value !== "object" || Array.isArray(item.value)) continue;
      try {
        await onObject(key, item.value as Record<string, unknown>);
      } catch (error) {
        failed.push({ error });
        throw error;
      }
    }
  } catch (error) {
    throw failed.length ? failed[0].error : new JsonInputError(error);
  } finally {
    pipeline.destroy();
  }
}
