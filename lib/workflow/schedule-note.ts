/**
 * The note a schedule's revision carries (revisions keep a free-text note): written by the
 * transition, read back by the history page to show the time in the reader's language and zone.
 * Both sides go through here, so the format cannot drift between them.
 */
const PREFIX = "Scheduled for ";

export function scheduleNote(at: Date): string {
  return `${PREFIX}${at.toISOString()}`;
}

/** The time a schedule's note names, or null for any other note. */
export function scheduledAtOf(note: string | null): Date | null {
  if (!note?.startsWith(PREFIX)) return null;
  const at = new Date(note.slice(PREFIX.length));
  return Number.isNaN(at.getTime()) ? null : at;
}
