/**
 * Time-zone arithmetic on Node's built-in ICU data, so that offsets follow the
 * real rules of each IANA zone (summer time included) without a date library.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Minutes east of UTC in `timeZone` at `instant` (e.g. 60 for Paris in winter). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

/**
 * The instant at which clocks in `timeZone` read the given local date and time.
 * A time that does not exist (skipped at a spring-forward) is taken as the instant
 * the same number of minutes after the gap; an ambiguous one (autumn) is the first.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(":").map(Number) as [number, number, number?];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Every offset in force within a day either side: one transition at most, in practice.
  const before = offsetMinutes(new Date(wall - DAY_MS), timeZone);
  const offsets = new Set([
    before,
    offsetMinutes(new Date(wall), timeZone),
    offsetMinutes(new Date(wall + DAY_MS), timeZone),
  ]);
  const readings = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const p = localParts(new Date(instant), timeZone);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) === wall;
    })
    .sort((a, b) => a - b);
  // Ambiguous (autumn): the first of the two; skipped (spring): read with the offset
  // from before the gap, which lands as many minutes after the gap.
  return new Date(readings[0] ?? wall - before * 60_000);
}

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, "0");
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `2020-03-03T10:35:00+00:00`: the instant as read in `timeZone`, with that zone's offset. */
export function toOffsetIso(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const off = formatOffset(offsetMinutes(instant, timeZone));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${off}`;
}

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The offset written at the end of an ISO string, in minutes, or null when it has none. */
export function parseOffset(iso: string): number | null {
  if (iso.endsWith("Z")) return 0;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -mins : mins;
}

/** Adds whole days to a `YYYY-MM-DD` day (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Day of the week of a `YYYY-MM-DD` day: 0 Sunday … 6 Saturday. */
export function weekday(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** True for a zone Intl knows by an IANA name ("Europe/Berlin", "UTC"), not "CET" or "+01:00". */
export function isIanaZone(zone: string): boolean {
  if (!zone.includes("/") && zone !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
