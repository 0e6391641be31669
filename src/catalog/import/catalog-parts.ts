import type { Talk, Track } from "../schema.ts";

/** `{ key: value }`, or nothing when the value is absent: optional catalog fields stay out. */
export function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): { [P in K]?: V } | Record<string, never> {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}

/** Chronological, then by room and title, so the catalog reads like a programme. */
export function byStart(a: Talk, b: Talk): number {
  const sa = a.start ? Date.parse(a.start) : Number.POSITIVE_INFINITY;
  const sb = b.start ? Date.parse(b.start) : Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return (
    (a.room ?? "").localeCompare(b.room ?? "") ||
    (a.title ?? "").localeCompare(b.title ?? "") ||
    a.id.localeCompare(b.id)
  );
}

/**
 * The tracks that have talks, in their given order; one whose talks all fall on one
 * day (or in one room) gets that day (or room). A track an export lists but schedules
 * nothing in (8 of FOSDEM 2026's 70) is left out: a reader could only find it empty.
 */
export function scheduledTracks(tracks: Iterable<Track>, talks: Talk[]): Track[] {
  const days = new Map<string, Set<string>>();
  const rooms = new Map<string, Set<string>>();
  for (const t of talks) {
    if (t.trackId === null) continue;
    const d = days.get(t.trackId) ?? new Set<string>();
    const r = rooms.get(t.trackId) ?? new Set<string>();
    if (t.date) d.add(t.date);
    if (t.room) r.add(t.room);
    days.set(t.trackId, d);
    rooms.set(t.trackId, r);
  }
  const out: Track[] = [];
  for (const track of tracks) {
    const d = days.get(track.id);
    const r = rooms.get(track.id);
    if (!d || !r) continue;
    const [day] = d;
    const [room] = r;
    out.push({
      ...track,
      ...(d.size === 1 && day ? { date: day } : {}),
      ...(r.size === 1 && room ? { room } : {}),
    });
  }
  return out;
}
