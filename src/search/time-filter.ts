import type { Talk } from "../catalog/schema.ts";
import { addDays, localDate, parseOffset, weekday } from "../time/zone.ts";
import type { TimeWord } from "./parse-query.ts";

/** A talk without an end is taken to run this long, for `now`. */
const ASSUMED_DURATION_MS = 45 * 60_000;

const WEEKDAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];

/** What the time filters need of a talk, worked out once when the index is built. */
export interface TimedTalk {
  doc: number;
  /** Epoch ms; talks without a start are never timed. */
  start?: number;
  end?: number;
  /**
   * The talk's local day: its start is written with the event's offset, so the date
   * part is it; a talk with a day but no time (a recap's "Day 2") has its `date`.
   */
  day?: string;
  /** The event's IANA zone, or `+HH:MM`-style minutes when the event has none. */
  zone: string | number;
  /** Talks sharing this key form one `next` line-up (a track, else a room, else the event). */
  group: string;
}

export function timedTalk(
  talk: Talk,
  doc: number,
  timeZone: string | null,
  group: string,
): TimedTalk {
  const start = talk.start ? Date.parse(talk.start) : undefined;
  return {
    doc,
    start,
    end:
      start === undefined
        ? undefined
        : talk.end
          ? Date.parse(talk.end)
          : start + ASSUMED_DURATION_MS,
    day: talk.start?.slice(0, 10) ?? talk.date,
    zone: timeZone ?? parseOffset(talk.start ?? "") ?? 0,
    group,
  };
}

export function describeTime(words: readonly TimeWord[]): string[] {
  return words.map((w) => {
    if (w.kind === "next") return "next in each track";
    if (w.kind === "weekday") return WEEKDAY_NAMES[w.day] ?? "a weekday";
    return w.kind;
  });
}

/** "Today" at one instant, per zone, computed once per zone (Intl is not cheap). */
class LocalDays {
  private readonly cache = new Map<string | number, string>();
  constructor(readonly at: Date) {}

  today(zone: string | number): string {
    let day = this.cache.get(zone);
    if (day === undefined) {
      day =
        typeof zone === "number"
          ? new Date(this.at.getTime() + zone * 60_000).toISOString().slice(0, 10)
          : localDate(this.at, zone);
      this.cache.set(zone, day);
    }
    return day;
  }
}

/**
 * Whether a talk is on one of the days asked for. `today`, `tomorrow` and
 * weekdays are read in each event's zone; a weekday means the next such day
 * from today (today included). With no day word, every timed talk passes.
 */
export class DayFilter {
  private readonly dayWords: TimeWord[];
  private readonly days: LocalDays;
  private readonly allowed = new Map<string | number, Set<string>>();

  constructor(words: readonly TimeWord[], now: Date) {
    this.dayWords = words.filter((w) => w.kind !== "now" && w.kind !== "next");
    this.days = new LocalDays(now);
  }

  matches(t: TimedTalk): boolean {
    if (t.day === undefined) return false;
    if (this.dayWords.length === 0) return true;
    return this.allowedIn(t.zone).has(t.day);
  }

  private allowedIn(zone: string | number): Set<string> {
    let set = this.allowed.get(zone);
    if (!set) {
      const today = this.days.today(zone);
      set = new Set();
      for (const w of this.dayWords) {
        if (w.kind === "today") set.add(today);
        if (w.kind === "tomorrow") set.add(addDays(today, 1));
        if (w.kind === "weekday") {
          for (let i = 0; i < 7; i++) {
            const day = addDays(today, i);
            if (weekday(day) === w.day) set.add(day);
          }
        }
      }
      this.allowed.set(zone, set);
    }
    return set;
  }
}

export function inProgress(t: TimedTalk, now: Date): boolean {
  const at = now.getTime();
  return t.start !== undefined && t.end !== undefined && t.start <= at && at < t.end;
}

/**
 * The next slot of each line-up: for every track, the talks starting soonest
 * after `now`, limited to the conference day of the soonest of them all, so that
 * "next" on Tuesday evening means Wednesday morning and never next year's event.
 * Returns the documents.
 */
export function nextSlots(talks: Iterable<TimedTalk>, now: Date): Set<number> {
  const at = now.getTime();
  const soonest = new Map<string, number>();
  const upcoming: TimedTalk[] = [];
  let first = Number.POSITIVE_INFINITY;
  for (const t of talks) {
    if (t.start === undefined || t.start <= at) continue;
    upcoming.push(t);
    if (t.start < (soonest.get(t.group) ?? Number.POSITIVE_INFINITY)) soonest.set(t.group, t.start);
    if (t.start < first) first = t.start;
  }
  const out = new Set<number>();
  if (upcoming.length === 0) return out;
  const firstDay = new LocalDays(new Date(first));
  for (const t of upcoming) {
    if (t.start === soonest.get(t.group) && t.day === firstDay.today(t.zone)) out.add(t.doc);
  }
  return out;
}

/**
 * Talks on the days a day word can mean (today … six days on, in any zone)
 * start within this window around `now`: the scan for `today` or `tuesday`
 * reads only those talks, not the whole catalog.
 */
export function dayWindow(now: Date): { from: number; to: number } {
  const at = now.getTime();
  return { from: at - DAY_SPAN_MS, to: at + 6 * 86_400_000 + DAY_SPAN_MS };
}

/** The talks of `byStart` (sorted by start) starting within [from, to]. */
export function startingBetween(
  byStart: readonly TimedTalk[],
  from: number,
  to: number,
): { begin: number; end: number } {
  return { begin: firstAfter(byStart, from - 1), end: firstAfter(byStart, to) };
}

/** A conference day read in any zone ends within this long of any instant in it. */
const DAY_SPAN_MS = 26 * 3_600_000;

/**
 * `nextSlots` over the talks `keep` accepts, given all timed talks sorted by
 * start: reads only from `now` to the end of the first upcoming day instead of
 * the whole catalog.
 */
export function nextSlotsSorted(
  byStart: readonly TimedTalk[],
  now: Date,
  keep: (t: TimedTalk) => boolean = () => true,
): Set<number> {
  const at = now.getTime();
  const window: TimedTalk[] = [];
  let first: number | undefined;
  for (let i = firstAfter(byStart, at); i < byStart.length; i++) {
    const t = byStart[i] as TimedTalk;
    const start = t.start as number;
    if (first !== undefined && start > first + DAY_SPAN_MS) break;
    if (!keep(t)) continue;
    first ??= start;
    window.push(t);
  }
  return nextSlots(window, now);
}

/** The talks in progress at `now` that `keep` accepts, from all timed talks sorted by start. */
export function inProgressSorted(
  byStart: readonly TimedTalk[],
  now: Date,
  keep: (t: TimedTalk) => boolean = () => true,
): number[] {
  const out: number[] = [];
  const end = firstAfter(byStart, now.getTime());
  for (let i = 0; i < end; i++) {
    const t = byStart[i] as TimedTalk;
    if (inProgress(t, now) && keep(t)) out.push(t.doc);
  }
  return out;
}

/** Index of the first talk starting strictly after `at`. */
function firstAfter(byStart: readonly TimedTalk[], at: number): number {
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((byStart[mid]?.start ?? 0) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
