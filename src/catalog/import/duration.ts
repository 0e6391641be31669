/**
 * Minutes in a frab duration: "H+:MM" (hours may exceed 24, e.g. "26:00" for an
 * overnight event), optionally with seconds ("00:30:00" in older pentabarf exports).
 * Null when it is not one.
 */
export function parseDuration(value: string): number | null {
  const m = /^(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/.exec(value.trim());
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}
