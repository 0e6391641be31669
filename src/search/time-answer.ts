import { dayText } from "../time/format.ts";
import { TIME_BIT } from "./match-fields.ts";
import type { ParsedQuery } from "./parse-query.ts";
import type { SearchIndex } from "./search-index.ts";
import {
  DayFilter,
  dayWindow,
  describeTime,
  type EventDays,
  inProgress,
  inProgressSorted,
  nextSlots,
  nextSlotsSorted,
  startingBetween,
  type TimedTalk,
} from "./time-filter.ts";
import type { SearchResult } from "./types.ts";

/**
 * Events running at `now` (or starting tomorrow), read in each event's zone:
 * `next` and the day words stay within them rather than jumping to another
 * year's conference.
 */
export function runningEvents(events: readonly EventDays[], now: Date): EventDays[] {
  // One filter for all events: "today" is worked out once per zone, not per event.
  const days = new DayFilter([], now);
  return events.filter((e) => {
    const today = days.todayIn(e.zone);
    return e.first <= dayAfter(today) && today <= e.last;
  });
}

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function earliest(index: SearchIndex, docs: Iterable<number>): number {
  let best = -1;
  for (const doc of docs) {
    const at = index.timed[doc]?.start ?? Number.POSITIVE_INFINITY;
    if (best < 0 || at < (index.timed[best]?.start ?? Number.POSITIVE_INFINITY)) best = doc;
  }
  return best;
}

/** "10:35" as the talk's own schedule writes it. */
function startClock(index: SearchIndex, doc: number): string {
  return index.talks[doc]?.start?.slice(11, 16) ?? "";
}

/** What help shows as up next: the next slot of the running event (any, when none runs). */
export function upNext(index: SearchIndex, now: Date): Set<number> {
  const ids = new Set(runningEvents(index.events, now).map((e) => e.id));
  return nextSlotsSorted(index.byStart, now, (t) => ids.size === 0 || ids.has(t.event));
}

/**
 * Time words without free text: the talks they allow, found without touching
 * the talks they do not, and a notice when the answer is a neighbouring one
 * (nothing on now, so what is next).
 */
export function timeOnly(
  index: SearchIndex,
  parsed: ParsedQuery,
  allowed: Uint8Array | undefined,
  matched: number,
  now: Date,
  /** What the name filters asked for ("speaker: Luca Mezzalira"), for a notice. */
  named = "",
): Pick<SearchResult, "notice"> {
  const results = index.results;
  const days = new DayFilter(parsed.time, now, index.events);
  const keep = (t: TimedTalk) => (!allowed || allowed[t.doc] === 1) && days.matches(t);
  const wantsNow = parsed.time.some((w) => w.kind === "now");
  const wantsNext = parsed.time.some((w) => w.kind === "next");
  const running = runningEvents(index.events, now);
  const ids = new Set(running.map((e) => e.id));
  const within = (t: TimedTalk) => keep(t) && (ids.size === 0 || ids.has(t.event));
  const add = (docs: Iterable<number>) => {
    for (const doc of docs) results.add(doc, 1, matched);
  };

  if (wantsNow || wantsNext) {
    const current = wantsNow ? inProgressSorted(index.byStart, now, keep) : [];
    add(current);
    const next =
      wantsNext || current.length === 0
        ? nextSlotsSorted(index.byStart, now, within)
        : new Set<number>();
    if (wantsNext || next.size > 0) add([...next].filter((d) => !current.includes(d)));
    if (!wantsNext && current.length === 0 && next.size > 0) {
      const first = earliest(index, next);
      return { notice: `Nothing in progress right now; next at ${startClock(index, first)}.` };
    }
    if (results.size === 0 && running.length > 0)
      return datedToday(index, running, allowed, matched, now);
    return {};
  }

  // Day words: only talks starting within a week or so of now can qualify.
  const { from, to } = dayWindow(now);
  const { begin, end } = startingBetween(index.byStart, from, to);
  for (let i = begin; i < end; i++) {
    const t = index.byStart[i] as TimedTalk;
    if (keep(t)) results.add(t.doc, 1, matched);
  }
  if (!days.atClock) {
    for (const t of index.datedOnly) if (keep(t)) results.add(t.doc, 1, matched);
    // `by luca tomorrow` when Luca speaks today: the named talks on the event's other days.
    if (results.size === 0 && allowed && running.length > 0) {
      for (const t of index.timed) {
        if (allowed[t.doc] === 1 && t.day !== undefined && ids.has(t.event)) {
          results.add(t.doc, 1, matched);
        }
      }
      if (results.size > 0) {
        return { notice: otherDays(index, parsed, days, running, `talks (${named})`) };
      }
    }
    return {};
  }
  if (results.size > 0) return {};
  // Nothing on at that time: the talks starting soonest after it, that day.
  let soonest = Number.POSITIVE_INFINITY;
  const later: TimedTalk[] = [];
  for (let i = begin; i < end; i++) {
    const t = index.byStart[i] as TimedTalk;
    if ((allowed && allowed[t.doc] !== 1) || !days.matchesFromClock(t)) continue;
    later.push(t);
    soonest = Math.min(soonest, t.start as number);
  }
  const first = later.filter((t) => t.start === soonest);
  add(first.map((t) => t.doc));
  const asked = describeTime(parsed.time.filter((w) => w.kind === "clock")).join(", ");
  const firstDoc = first[0]?.doc;
  return firstDoc === undefined
    ? {}
    : { notice: `Nothing on ${asked}; next at ${startClock(index, firstDoc)}.` };
}

/** A running event whose talks have days but no times: `next` shows today's. */
function datedToday(
  index: SearchIndex,
  running: readonly EventDays[],
  allowed: Uint8Array | undefined,
  matched: number,
  now: Date,
): Pick<SearchResult, "notice"> {
  const today = new DayFilter([{ kind: "today" }], now, index.events);
  const names = running.map((e) => e.name ?? e.id).join(", ");
  let found = 0;
  for (const t of index.datedOnly) {
    if (
      running.some((e) => e.id === t.event) &&
      (!allowed || allowed[t.doc] === 1) &&
      today.matches(t)
    ) {
      index.results.add(t.doc, 1, matched);
      found++;
    }
  }
  return {
    notice:
      found > 0
        ? `Nothing timed at ${names}: its talks are listed by day only. Today's:`
        : `Nothing timed at ${names}: its talks are listed by day only.`,
  };
}

/**
 * Narrows text results to the days, `now` and `next` asked for. When the words
 * match talks of the running event but none on the day asked, those talks
 * answer instead, with a notice saying on which days they are.
 */
export function narrowToTime(
  index: SearchIndex,
  parsed: ParsedQuery,
  now: Date,
  /** The words searched (what the notice quotes). */
  words: string,
): Pick<SearchResult, "notice"> {
  if (parsed.time.length === 0) return {};
  const results = index.results;
  const wantsNow = parsed.time.some((w) => w.kind === "now");
  const wantsNext = parsed.time.some((w) => w.kind === "next");
  const days = new DayFilter(parsed.time, now, index.events);
  const timedAt = (i: number) => index.timed[results.doc[i] as number] as TimedTalk;
  let notice: string | undefined;
  let anyOnDay = false;
  for (let i = 0; i < results.size && !anyOnDay; i++) anyOnDay = days.matches(timedAt(i));
  const running = runningEvents(index.events, now);
  if (!anyOnDay && !wantsNow && !wantsNext && running.length > 0 && results.size > 0) {
    const ids = new Set(running.map((e) => e.id));
    results.retain((i) => ids.has(timedAt(i).event) && timedAt(i).day !== undefined);
    if (results.size > 0) notice = otherDays(index, parsed, days, running, `“${words}” talks`);
  } else {
    results.retain((i) => days.matches(timedAt(i)));
  }
  if (wantsNow || wantsNext) {
    const kept: TimedTalk[] = [];
    for (let i = 0; i < results.size; i++) kept.push(timedAt(i));
    const onNow = wantsNow && kept.some((t) => inProgress(t, now));
    // `kafka now` between kafka talks: the next ones, as `now` alone answers.
    const ids = new Set(running.map((e) => e.id));
    const soon = kept.filter((t) => ids.size === 0 || ids.has(t.event));
    const next = wantsNext || !onNow ? nextSlots(soon, now) : new Set<number>();
    results.retain((i) => {
      const t = kept[i] as TimedTalk;
      return (wantsNow && inProgress(t, now)) || next.has(t.doc);
    });
    if (!wantsNext && !onNow && results.size > 0) {
      const first = earliest(index, next);
      notice = `No “${words}” talk in progress right now; next at ${startClock(index, first)}.`;
    }
  }
  for (let i = 0; i < results.size; i++)
    results.matched[i] = (results.matched[i] as number) | TIME_BIT;
  return notice ? { notice } : {};
}

/** "No “kafka” talks tomorrow (Sun 1 Feb 2026); 2 on Sat 31 Jan 2026:", or "No talks (speaker: …) tomorrow …". */
function otherDays(
  index: SearchIndex,
  parsed: ParsedQuery,
  days: DayFilter,
  running: readonly EventDays[],
  /** "“kafka” talks", "talks (speaker: Luca Mezzalira)". */
  what: string,
): string {
  const results = index.results;
  const perDay = new Map<string, number>();
  for (let i = 0; i < results.size; i++) {
    const day = index.timed[results.doc[i] as number]?.day as string;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const zone = running[0]?.zone ?? 0;
  const asked = [...days.daysIn(zone)].sort().map(dayText).join(", ");
  const when = describeTime(parsed.time).join(", ");
  const counts = [...perDay]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, n]) => `${n} on ${dayText(day)}`)
    .join(", ");
  return `No ${what} ${when}${asked ? ` (${asked})` : ""}; ${counts}:`;
}

/** A long answer to a time question, grouped by start: each start and its count. */
export function slotsOf(index: SearchIndex): { start: string; count: number }[] {
  const results = index.results;
  const counts = new Map<number, { start: string; count: number }>();
  for (let i = 0; i < results.size; i++) {
    const talk = index.talks[results.doc[i] as number];
    const at = index.timed[results.doc[i] as number]?.start;
    if (!talk?.start || at === undefined) continue;
    const slot = counts.get(at);
    if (slot) slot.count++;
    else counts.set(at, { start: talk.start, count: 1 });
  }
  return [...counts].sort(([a], [b]) => a - b).map(([, slot]) => slot);
}
