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
  event: string;
  /** Local minutes after midnight of the start and end, read off the times as written. */
  startMinute?: number;
  endMinute?: number;
}

/** The days an event runs, as local calendar days, for "during the event". */
export interface EventDays {
  id: string;
  name: string | null;
  zone: string | number;
  first: string;
  last: string;
}

/** Minutes after midnight of an ISO time written with its local offset. */
function minuteOf(iso: string): number {
  return Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
}

export function timedTalk(
  talk: Talk,
  doc: number,
  timeZone: string | null,
  group: string,
): TimedTalk {
  const start = talk.start ? Date.parse(talk.start) : undefined;
  const startMinute = talk.start ? minuteOf(talk.start) : undefined;
  // An end written on a later day than the start runs past midnight.
  const endMinute =
    startMinute === undefined
      ? undefined
      : talk.end
        ? minuteOf(talk.end) + (talk.end.slice(0, 10) > (talk.start ?? "").slice(0, 10) ? 1440 : 0)
        : startMinute + ASSUMED_DURATION_MS / 60_000;
  return {
    doc,
    event: talk.eventId,
    startMinute,
    endMinute,
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
    if (w.kind === "part") return w.name;
    if (w.kind === "clock") return `at ${clockText(w.minute)}`;
    return w.kind;
  });
}

/** "14:05" for minutes after midnight. */
export function clockText(minute: number): string {
  const h = Math.floor(minute / 60) % 24;
  return `${String(h).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
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
 * Whether a talk is on one of the days asked for, and within the part of the
 * day or at the clock time asked for. `today`, `tomorrow`, `yesterday` and
 * weekdays are read in each event's zone. A weekday means that day of an event
 * running today ("monday" on the Tuesday of a Monday-to-Wednesday event is the
 * Monday just gone), else the next such day, today included. A part of the day
 * or a clock time without a day word means today. With no day word at all,
 * every talk with a day passes.
 */
export class DayFilter {
  private readonly dayWords: TimeWord[];
  private readonly parts: { from: number; to: number }[];
  private readonly clocks: number[];
  private readonly days: LocalDays;
  private readonly allowed = new Map<string | number, Set<string>>();

  constructor(
    words: readonly TimeWord[],
    now: Date,
    private readonly events: readonly EventDays[] = [],
  ) {
    this.parts = words.flatMap((w) => (w.kind === "part" ? [w] : []));
    this.clocks = words.flatMap((w) => (w.kind === "clock" ? [w.minute] : []));
    const days = words.filter((w) => !["now", "next", "part", "clock"].includes(w.kind));
    const timeOfDay = this.parts.length > 0 || this.clocks.length > 0;
    this.dayWords = days.length === 0 && timeOfDay ? [{ kind: "today" }] : days;
    this.days = new LocalDays(now);
  }

  /** "Today" in a zone at this filter's instant. */
  todayIn(zone: string | number): string {
    return this.days.today(zone);
  }

  /** The days asked for, read in `zone`. */
  daysIn(zone: string | number): ReadonlySet<string> {
    return this.allowedIn(zone);
  }

  /** True when a clock time was asked: then talks on at that time, like `now`. */
  get atClock(): boolean {
    return this.clocks.length > 0;
  }

  matches(t: TimedTalk): boolean {
    if (t.day === undefined) return false;
    if (this.dayWords.length > 0 && !this.allowedIn(t.zone).has(t.day)) return false;
    if (this.parts.length > 0) {
      const m = t.startMinute;
      if (m === undefined || !this.parts.some((p) => p.from <= m && m < p.to)) return false;
    }
    if (this.clocks.length > 0) {
      const { startMinute: from, endMinute: to } = t;
      if (from === undefined || to === undefined) return false;
      if (!this.clocks.some((c) => from <= c && c < to)) return false;
    }
    return true;
  }

  /** Like `matches`, but a clock time means "from then on" rather than "on then". */
  matchesFromClock(t: TimedTalk): boolean {
    if (t.day === undefined || !this.allowedIn(t.zone).has(t.day)) return false;
    const from = t.startMinute;
    return from !== undefined && this.clocks.some((c) => from > c);
  }

  private allowedIn(zone: string | number): Set<string> {
    let set = this.allowed.get(zone);
    if (!set) {
      const today = this.days.today(zone);
      set = new Set();
      const running = this.events.filter(
        (e) => e.zone === zone && e.first <= today && today <= e.last,
      );
      for (const w of this.dayWords) {
        if (w.kind === "today") set.add(today);
        if (w.kind === "tomorrow") set.add(addDays(today, 1));
        if (w.kind === "yesterday") set.add(addDays(today, -1));
        if (w.kind === "weekday") {
          let found = false;
          for (const e of running) {
            for (let day = e.first; day <= e.last; day = addDays(day, 1)) {
              if (weekday(day) === w.day) {
                set.add(day);
                found = true;
              }
            }
          }
          if (found) continue;
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
 * Talks on the days a day word can mean (a week back … six days on, in any zone)
 * start within this window around `now`: the scan for `today` or `tuesday`
 * reads only those talks, not the whole catalog.
 */
export function dayWindow(now: Date): { from: number; to: number } {
  const at = now.getTime();
  // Back a week too: `yesterday`, and an event's Monday asked for on its Wednesday.
  return { from: at - 7 * 86_400_000 - DAY_SPAN_MS, to: at + 6 * 86_400_000 + DAY_SPAN_MS };
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
