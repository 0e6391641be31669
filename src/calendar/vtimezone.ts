import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { localParts } from "../time/zone.ts";

// @touch4it/ical-timezones holds one VTIMEZONE per zone, with only the rules in
// force when its data was cut (tzdata 2018g): a zone whose rules changed since
// (Mexico City dropped summer time in 2022) would put a talk an hour off in every
// calendar that trusts the VTIMEZONE. So a zone is used only where its block, read
// back, turns each talk's wall time into the same instant ICU gives; elsewhere the
// times are written in UTC, which every calendar reads the same.

interface Observance {
  /** DTSTART as a wall-clock reading, in ms as if it were UTC. */
  startWall: number;
  fromMinutes: number;
  toMinutes: number;
  /** FREQ=YEARLY;BYMONTH=m;BYDAY=nXX, the only recurrence the package writes. */
  rule?: { month: number; nth: number; weekday: number };
}

interface Zone {
  text: string;
  observances: Observance[];
}

const weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const zones = new Map<string, Zone | null>();

/**
 * The VTIMEZONE block for `zone` if the package has one named so and it agrees
 * with ICU at every one of `instants`; null when times in `zone` should be UTC.
 */
export function vtimezoneFor(zone: string, instants: readonly Date[]): string | null {
  let parsed = zones.get(zone);
  if (parsed === undefined) {
    parsed = parseZone(zone);
    zones.set(zone, parsed);
  }
  if (!parsed) return null;
  const z = parsed;
  return instants.every((t) => roundTrips(z, t, zone)) ? z.text : null;
}

/** Does `zone`'s wall time at `instant`, read through the block, give `instant` back? */
function roundTrips(z: Zone, instant: Date, zone: string): boolean {
  const p = localParts(instant, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsets = new Set(z.observances.flatMap((o) => [o.fromMinutes, o.toMinutes]));
  // RFC 5545 3.3.5: a wall time that occurs twice means the first of the two.
  const readings = [...offsets]
    .map((minutes) => wall - minutes * 60_000)
    .filter((t) => offsetAt(z, t) === (wall - t) / 60_000)
    .sort((a, b) => a - b);
  return readings[0] === Math.floor(instant.getTime() / 1000) * 1000;
}

/** The offset (minutes east) the block puts in force at UTC instant `t`, or null before its first onset. */
function offsetAt(z: Zone, t: number): number | null {
  const year = new Date(t).getUTCFullYear();
  let latest: { at: number; minutes: number } | null = null;
  for (const o of z.observances) {
    const walls = o.rule
      ? [year - 1, year, year + 1].map((y) => onsetWall(o, y)).filter((w) => w >= o.startWall)
      : [o.startWall];
    for (const w of walls) {
      const at = w - o.fromMinutes * 60_000;
      if (at <= t && (!latest || at > latest.at)) latest = { at, minutes: o.toMinutes };
    }
  }
  return latest?.minutes ?? null;
}

/** When `o` begins in `year`, as a wall-clock reading in ms. */
function onsetWall(o: Observance, year: number): number {
  const rule = o.rule as NonNullable<Observance["rule"]>;
  const dayMs = 86_400_000;
  const timeMs = ((o.startWall % dayMs) + dayMs) % dayMs;
  let day: number;
  if (rule.nth > 0) {
    const first = Date.UTC(year, rule.month - 1, 1);
    const shift = (rule.weekday - new Date(first).getUTCDay() + 7) % 7;
    day = first + (shift + (rule.nth - 1) * 7) * dayMs;
  } else {
    const last = Date.UTC(year, rule.month, 0);
    const shift = (new Date(last).getUTCDay() - rule.weekday + 7) % 7;
    day = last - (shift + (-rule.nth - 1) * 7) * dayMs;
  }
  return day + timeMs;
}

function parseZone(zone: string): Zone | null {
  const text = getVtimezoneComponent(zone)?.trim();
  if (!text) return null;
  const lines = text.split(/\r?\n/);
  // The package answers "UTC" with a block named Etc/UTC: a TZID no event names.
  if (!lines.includes(`TZID:${zone}`)) return null;
  const observances: Observance[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:STANDARD" || line === "BEGIN:DAYLIGHT") current = {};
    else if (line === "END:STANDARD" || line === "END:DAYLIGHT") {
      const o = current && observance(current);
      if (!o) return null;
      observances.push(o);
      current = null;
    } else if (current) {
      const colon = line.indexOf(":");
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return observances.length > 0 ? { text, observances } : null;
}

/** One STANDARD/DAYLIGHT block, or null for anything this reader does not follow (RDATE, UNTIL…). */
function observance(props: Record<string, string>): Observance | null {
  const known = new Set(["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "RRULE"]);
  if (Object.keys(props).some((k) => !known.has(k))) return null;
  const start = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(props.DTSTART ?? "");
  const from = offsetMinutes(props.TZOFFSETFROM);
  const to = offsetMinutes(props.TZOFFSETTO);
  if (!start || from === null || to === null) return null;
  const [, y, mo, d, h, mi, s] = start.map(Number) as number[];
  const o: Observance = {
    startWall: Date.UTC(y as number, (mo as number) - 1, d, h, mi, s),
    fromMinutes: from,
    toMinutes: to,
  };
  if (props.RRULE === undefined) return o;
  const rule = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=([+-]?[1-5])(SU|MO|TU|WE|TH|FR|SA)$/.exec(
    props.RRULE,
  );
  if (!rule) return null;
  o.rule = {
    month: Number(rule[1]),
    nth: Number(rule[2]),
    weekday: weekdays.indexOf(rule[3] as string),
  };
  return o;
}

/** "+0130" / "-0500" / "+053028" → minutes east of UTC. */
function offsetMinutes(text: string | undefined): number | null {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(text ?? "");
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60;
  return m[1] === "-" ? -minutes : minutes;
}
