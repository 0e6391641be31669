/**
 * True for a calendar day (`YYYY-MM-DD`) that exists. `Date.parse` alone is not
 * enough: it rolls 2020-02-30 over into 1 March.
 */
export function realDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}
