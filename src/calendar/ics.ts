import ical, { ICalCalendarMethod, escape as icalText } from "ical-generator";
import type { Talk } from "../catalog/schema.ts";
import { type CatalogLookup, talkView } from "../present/talk-view.ts";
import { vtimezoneFor } from "./vtimezone.ts";
import { temporalInstant } from "./zoned-time.ts";

/**
 * A talk the schedule gives a start but no end for still needs an end to show as
 * a block (a DATE-TIME DTSTART alone is an event of no length, RFC 5545 3.6.1):
 * half an hour, the shortest common slot, so it does not cover the next talk.
 * Its description says the end is a guess.
 */
export const DEFAULT_DURATION_MS = 30 * 60_000;

export interface AgendaOptions {
  /** DTSTAMP: when this copy was made. */
  now: Date;
  /** Default: "talkbot: My agenda (QCon London 2020)", naming the events in it. */
  name?: string;
}

/** The catalog in force as the calendar reads it (a Snapshot fits). */
export interface CalendarSource {
  talk(id: string): Talk | undefined;
  lookup: CatalogLookup;
}

interface Entry {
  talk: Talk;
  start: Date;
  end: Date;
  /** False when the schedule has no end and DEFAULT_DURATION_MS stands in. */
  endKnown: boolean;
}

/**
 * One person's starred talks as an iCalendar feed (RFC 5545): one VEVENT per talk
 * that has a start, in its event's zone. Ids that are not in the catalog (a talk
 * dropped from the schedule) are left out, so the calendar drops them too.
 */
export function agendaCalendar(
  catalog: CalendarSource,
  talkIds: readonly string[],
  options: AgendaOptions,
): string {
  const entries = [...new Set(talkIds)]
    .map((id) => catalog.talk(id))
    .flatMap((talk) => (talk ? entryOf(talk) : []))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || compare(a.talk.id, b.talk.id));
  const { lookup } = catalog;
  return calendarText(entries, lookup, {
    name: options.name ?? agendaName(entries, lookup),
    now: options.now,
  });
}

/** One talk as a calendar to add ("Add to calendar"); null when it is unknown or has no start. */
export function talkCalendar(
  catalog: CalendarSource,
  talkId: string,
  options: { now: Date },
): string | null {
  const talk = catalog.talk(talkId);
  const entry = talk && entryOf(talk)[0];
  if (!entry) return null;
  const { lookup } = catalog;
  return calendarText([entry], lookup, {
    name: `talkbot: ${talkView(entry.talk, lookup).title}`,
    now: options.now,
  });
}

/**
 * The VEVENT's UID: what the talk is (event and talk id), never when or what it is
 * called, so a calendar updates the entry in place when a new schedule release
 * moves or retitles it. Characters a UID should not carry are %-escaped.
 */
export function talkUid(talk: Pick<Talk, "id" | "eventId">): string {
  return `${uidPart(talk.id)}@${uidPart(talk.eventId)}.talkbot`;
}

function uidPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._~/:+-]/gu, (c) => encodeURIComponent(c));
}

function entryOf(talk: Talk): Entry[] {
  if (!talk.start) return [];
  const start = new Date(talk.start);
  const end = talk.end ? new Date(talk.end) : undefined;
  if (end && end > start) return [{ talk, start, end, endKnown: true }];
  return [{ talk, start, end: new Date(start.getTime() + DEFAULT_DURATION_MS), endKnown: false }];
}

function agendaName(entries: readonly Entry[], lookup: CatalogLookup): string {
  const events = [
    ...new Set(entries.flatMap((e) => lookup.events.get(e.talk.eventId)?.name ?? [])),
  ];
  return events.length > 0 ? `talkbot: My agenda (${events.join(", ")})` : "talkbot: My agenda";
}

function calendarText(
  entries: readonly Entry[],
  lookup: CatalogLookup,
  options: { name: string; now: Date },
): string {
  const blocks = zoneBlocks(entries, lookup);
  const calendar = ical({
    // ical-generator writes NAME and X-WR-CALNAME as given, unescaped.
    name: icalText(options.name, false),
    prodId: { company: "talkbot", product: "talkbot", language: "EN" },
    // With a METHOD, DTSTAMP is when this copy was made (RFC 5545 3.8.7.2), which
    // is what it says; without one it would claim the talk was last changed now.
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (DTSTAMP stays UTC): each event names its own.
    timezone: { name: null, generator: (zone) => blocks.get(zone) ?? null },
    // No `ttl`: ical-generator writes REFRESH-INTERVAL after the VTIMEZONE blocks,
    // where RFC 5545 allows no calendar property; clients poll on their own anyway.
  });
  for (const entry of entries) {
    const { talk } = entry;
    const view = talkView(talk, lookup);
    const zone = lookup.events.get(talk.eventId)?.timeZone ?? null;
    const url = linkOf(talk.url);
    calendar.createEvent({
      id: talkUid(talk),
      start: temporalInstant(entry.start),
      end: temporalInstant(entry.end),
      // A zone without a block that agrees with ICU is written as UTC (see vtimezone.ts).
      timezone: zone && blocks.has(zone) ? zone : null,
      stamp: options.now,
      summary: view.title,
      location: view.room ?? null,
      description: descriptionOf(view, entry, url),
      url,
    });
  }
  return calendar.toString();
}

/** Zone → VTIMEZONE, for the zones whose block agrees with ICU at every time written in it. */
function zoneBlocks(entries: readonly Entry[], lookup: CatalogLookup): Map<string, string> {
  const instants = new Map<string, Date[]>();
  for (const e of entries) {
    const zone = lookup.events.get(e.talk.eventId)?.timeZone;
    if (!zone) continue;
    const list = instants.get(zone) ?? [];
    list.push(e.start, e.end);
    instants.set(zone, list);
  }
  const blocks = new Map<string, string>();
  for (const [zone, times] of instants) {
    const block = vtimezoneFor(zone, times);
    if (block) blocks.set(zone, block);
  }
  return blocks;
}

function descriptionOf(view: ReturnType<typeof talkView>, entry: Entry, url: string | null) {
  const lines: string[] = [];
  if (view.speakers.length > 0) {
    lines.push(
      `${view.speakers.length === 1 ? "Speaker" : "Speakers"}: ${view.speakers.join("; ")}`,
    );
  }
  if (view.track) lines.push(`Track: ${view.track}`);
  if (!entry.endKnown) {
    lines.push(`The schedule gives no end time; shown as ${DEFAULT_DURATION_MS / 60_000} minutes.`);
  }
  const parts = [lines.join("\n"), view.excerpt, url ?? ""].filter(Boolean);
  return parts.join("\n\n");
}

/**
 * The talk's page as a URL property: http(s) only. ical-generator escapes URL
 * values like text (a comma becomes `\,`, which a URI must not contain), so commas
 * and semicolons are %-encoded first (servers read the two spellings alike in practice).
 */
function linkOf(url: string | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  return parsed.href.replace(/,/g, "%2C").replace(/;/g, "%3B");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
