/**
 * A duration in whole minutes as the parts the catalogue words it with (workflow.duration):
 * "12 min", "4 h 05 min", "2 d 3 h" in English, "2 j 3 h" in French.
 */
export type DurationParts = { key: "minutes"; m: number } | { key: "hours"; h: number; mm: string } | { key: "days"; d: number; h: number };

export function durationParts(minutes: number): DurationParts {
  if (minutes < 60) return { key: "minutes", m: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: "hours", h: hours, mm: String(minutes % 60).padStart(2, "0") };
  return { key: "days", d: Math.floor(hours / 24), h: hours % 24 };
}
