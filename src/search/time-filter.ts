import type { Talk } from "../catalog/schema.ts";
import { addDays, localDate, parseOffset, weekday } from "../time/zone.ts";
import type { TimeWord } from "./parse-query.ts";

/** A talk without an end is taken to run this long, for `now`. */
export const ASSUMED_DURATION_MS = 45 * 60_000;

const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

/** A talk as the time filters see it: only talks with a start are ever timed. */
export interface TimedTalk {
  talk: Talk;
  /** The event's IANA zone, or null to read days at the talk's own written offset. */
  timeZone: string | null;
  /** Talks sharing this key form one `next` line-up (a track, else a room, else the event). */
  group: string;
}

export function describeTime(words: readonly TimeWord[]): string[] {
  return words.map((w) => {
    if (w.kind === "next") return "next in each track";
    if (w.kind === "weekday") return WEEKDAY_NAMES[w.day] ?? "a weekday";
    return w.kind;
  });
}

/** The local day (YYYY-MM-DD) at `now` where `t` happens. */
function todayAt(t: TimedTalk, now: Date): string {
  if (t.timeZone) return localDate(now, t.timeZone);
  const offset = parseOffset(t.talk.start ?? "") ?? 0;
  return new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 10);
}

/** The talk's local day: its start is written with the event's offset, so the date part is it. */
function dayOf(talk: Talk): string | undefined {
  return talk.start?.slice(0, 10);
}

/**
 * Whether a talk is on one of the days asked for. `today`, `tomorrow` and
 * weekdays are read in each event's zone; a weekday means the next such day
 * from today (today included).
 */
export function onDay(t: TimedTalk, words: readonly TimeWord[], now: Date): boolean {
  const dayWords = words.filter((w) => w.kind !== "now" && w.kind !== "next");
  if (dayWords.length === 0) return true;
  const day = dayOf(t.talk);
  if (!day) return false;
  const today = todayAt(t, now);
  return dayWords.some((w) => {
    if (w.kind === "today") return day === today;
    if (w.kind === "tomorrow") return day === addDays(today, 1);
    if (w.kind === "weekday")
      return day >= today && day <= addDays(today, 6) && weekday(day) === w.day;
    return false;
  });
}

export function inProgress(talk: Talk, now: Date): boolean {
  if (!talk.start) return false;
  const start = Date.parse(talk.start);
  const end = talk.end ? Date.parse(talk.end) : start + ASSUMED_DURATION_MS;
  const t = now.getTime();
  return start <= t && t < end;
}

/**
 * The next slot of each line-up: for every track, the talks starting soonest
 * after `now`, limited to the conference day of the soonest of them all, so that
 * "next" on Tuesday evening means Wednesday morning and never next year's event.
 */
export function nextSlots(talks: readonly TimedTalk[], now: Date): Set<Talk> {
  const t = now.getTime();
  const soonest = new Map<string, number>();
  let first = Number.POSITIVE_INFINITY;
  for (const { talk, group } of talks) {
    if (!talk.start) continue;
    const start = Date.parse(talk.start);
    if (start <= t) continue;
    if (start < (soonest.get(group) ?? Number.POSITIVE_INFINITY)) soonest.set(group, start);
    if (start < first) first = start;
  }
  const out = new Set<Talk>();
  if (first === Number.POSITIVE_INFINITY) return out;
  const firstInstant = new Date(first);
  for (const timed of talks) {
    const { talk, group } = timed;
    if (!talk.start || Date.parse(talk.start) !== soonest.get(group)) continue;
    if (dayOf(talk) === todayAt(timed, firstInstant)) out.add(talk);
  }
  return out;
}
