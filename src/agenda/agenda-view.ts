import type { Talk } from "../catalog/schema.ts";

/** A talk without an end is taken to last this long when looking for overlaps. */
const ASSUMED_LENGTH_MS = 30 * 60_000;

export interface AgendaEntry {
  talk: Talk;
  /** "now": started and not ended; "next": the first starred talk still to start. */
  when: "past" | "now" | "next" | "later";
  /** Other starred talks running at the same time. */
  overlaps: Talk[];
}

export interface AgendaDay {
  /** The event's local day, YYYY-MM-DD. */
  day: string;
  entries: AgendaEntry[];
}

export interface AgendaView {
  days: AgendaDay[];
  /** Starred talks with no time in the schedule (yet). */
  untimed: Talk[];
  /** Starred ids no longer in the catalog (a talk dropped by a new release). */
  gone: number;
  /** How many starred talks are in the catalog. */
  count: number;
}

const startMs = (t: Talk) => (t.start ? Date.parse(t.start) : Number.NaN);
const endMs = (t: Talk) => (t.end ? Date.parse(t.end) : startMs(t) + ASSUMED_LENGTH_MS);

/**
 * A person's starred talks in time order, grouped by the day they are on, with
 * clashes marked and what is now and next among them.
 */
export function agendaView(
  talkIds: readonly string[],
  talkById: (id: string) => Talk | undefined,
  now: Date,
): AgendaView {
  const timed: Talk[] = [];
  const untimed: Talk[] = [];
  let gone = 0;
  for (const id of new Set(talkIds)) {
    const talk = talkById(id);
    if (!talk) gone++;
    else if (Number.isNaN(startMs(talk))) untimed.push(talk);
    else timed.push(talk);
  }
  timed.sort((a, b) => startMs(a) - startMs(b) || endMs(a) - endMs(b) || a.id.localeCompare(b.id));
  const t = now.getTime();
  let nextGiven = false;
  const days: AgendaDay[] = [];
  for (const [i, talk] of timed.entries()) {
    const overlaps: Talk[] = [];
    // Sorted by start: only neighbours whose span reaches this one can clash.
    for (let j = i - 1; j >= 0; j--) {
      const other = timed[j] as Talk;
      if (endMs(other) > startMs(talk)) overlaps.push(other);
    }
    for (let j = i + 1; j < timed.length; j++) {
      const other = timed[j] as Talk;
      if (startMs(other) >= endMs(talk)) break;
      overlaps.push(other);
    }
    let when: AgendaEntry["when"];
    if (endMs(talk) <= t) when = "past";
    else if (startMs(talk) <= t) when = "now";
    else if (!nextGiven) {
      when = "next";
      nextGiven = true;
    } else when = "later";
    const day = talk.date ?? (talk.start as string).slice(0, 10);
    const last = days.at(-1);
    if (last?.day === day) last.entries.push({ talk, when, overlaps });
    else days.push({ day, entries: [{ talk, when, overlaps }] });
  }
  return { days, untimed, gone, count: timed.length + untimed.length };
}
