import type { Catalog, ConferenceEvent, Speaker, Talk, Track } from "../catalog/schema.ts";
import { realDay } from "../time/day.ts";
import { type EventSpan, eventSpans } from "./event-spans.ts";

/**
 * What a person sees of a talk, as plain (unescaped) text. Slack blocks, the
 * terminal and digests all render from this, so they cannot drift apart.
 */
export interface TalkView {
  id: string;
  /** The title, or for an untitled talk "Speaker: first sentence of the abstract". */
  title: string;
  untitled: boolean;
  speakers: string[];
  track?: string;
  room?: string;
  format?: string;
  tags: string[];
  start?: Date;
  end?: Date;
  /** "Tue 3 Mar 2020, 10:35–11:25 GMT" in the event's own zone. */
  when?: string;
  timeZone?: string;
  excerpt: string;
  abstract: string;
  speakerDetails: Speaker[];
}

function speakerLabel(s: Speaker): string {
  const about = [s.role, s.company].filter(Boolean).join(", ");
  return about ? `${s.name} (${about})` : s.name;
}

export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const m = /^(.{20,}?[.!?])(\s|$)/.exec(flat);
  return (m?.[1] ?? flat).trim();
}

export function displayTitle(talk: Talk): string {
  if (talk.title) return talk.title;
  const who = talk.speakers.map((s) => s.name).join(", ");
  const what = firstSentence(talk.abstract) || "Untitled talk";
  return who ? `${who}: ${what}` : what;
}

const flatten = (text: string) => text.replace(/\s+/g, " ");

export function excerptOf(text: string, max = 200): string {
  // Only the first `max` characters survive, so flatten a prefix rather than
  // the whole abstract (up to 2 KB). A flattened prefix is a prefix of the
  // flattened whole (a cut whitespace run still becomes one space); with two
  // characters to spare one of the last two is not a space, so the whole is
  // longer than `max` as well and the cut below sees the same characters.
  const prefix = max + 32;
  const flat = text.length > prefix ? flatten(text.slice(0, prefix)).trimStart() : "";
  if (flat.length < max + 2) return excerptOfWhole(text, max);
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function excerptOfWhole(text: string, max: number): string {
  const flat = flatten(text).trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const dayFormat = new Map<string, Intl.DateTimeFormat>();
const timeFormat = new Map<string, Intl.DateTimeFormat>();

function cached(
  map: Map<string, Intl.DateTimeFormat>,
  zone: string,
  opts: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let f = map.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { ...opts, timeZone: zone });
    map.set(zone, f);
  }
  return f;
}

/**
 * Talks share slots, so the same start, end and zone come up again and again:
 * each text is formatted once (formatToParts is the costly part of a view).
 */
const whenTexts = new Map<string, string>();
const whenTextsMax = 4_096;

/** "Tue 3 Mar 2020, 10:35–11:25 GMT", read in the event's zone (UTC when it has none). */
export function whenText(start: Date, end: Date | undefined, timeZone: string): string {
  const key = `${timeZone} ${start.getTime()} ${end?.getTime()}`;
  let text = whenTexts.get(key);
  if (text === undefined) {
    text = formatWhen(start, end, timeZone);
    if (whenTexts.size >= whenTextsMax) whenTexts.clear();
    whenTexts.set(key, text);
  }
  return text;
}

/**
 * "Wed 7 Mar 2018" for a talk known only by its day (`YYYY-MM-DD`): a calendar
 * day, the same for every reader, so it is shown as written, not converted.
 */
export function dayText(date: string): string {
  return realDay(date) ? dayOf(new Date(`${date}T00:00:00Z`), "UTC") : date;
}

function dayOf(at: Date, timeZone: string): string {
  return cached(dayFormat, timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  })
    .format(at)
    .replace(/,/g, "");
}

function formatWhen(start: Date, end: Date | undefined, timeZone: string): string {
  const day = dayOf(start, timeZone);
  const t = cached(timeFormat, timeZone, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  const startParts = t.formatToParts(start);
  const clock = (parts: Intl.DateTimeFormatPart[]) =>
    parts
      .filter((p) => p.type === "hour" || p.type === "minute" || p.type === "literal")
      .map((p) => p.value)
      .join("")
      .trim();
  const zoneName = startParts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const range = end ? `${clock(startParts)}–${clock(t.formatToParts(end))}` : clock(startParts);
  return `${day}, ${range} ${zoneName}`;
}

export interface CatalogLookup {
  events: Map<string, ConferenceEvent>;
  tracks: Map<string, Track>;
  /** When the catalog's named events run (worked out on first use, then kept). */
  eventSpans(): readonly EventSpan[];
}

export function lookupOf(catalog: Catalog): CatalogLookup {
  let spans: EventSpan[] | undefined;
  return {
    events: new Map(catalog.events.map((e) => [e.id, e])),
    tracks: new Map(catalog.tracks.map((t) => [t.id, t])),
    eventSpans: () => {
      spans ??= eventSpans(catalog);
      return spans;
    },
  };
}

/** "QCon London 2020, Mon 2 Mar 2020 to Wed 4 Mar 2020" (one day: just that day). */
function spanText(span: EventSpan): string {
  const first = dayText(span.first);
  return span.first === span.last
    ? `${span.name}, ${first}`
    : `${span.name}, ${first} to ${dayText(span.last)}`;
}

/**
 * For a question about a time (`next`, `today`…) that found nothing: when the
 * catalog's events run, so "nothing" reads as "nothing then", not as a broken
 * search. Null when no event has a day.
 */
export function scheduleText(lookup: CatalogLookup, max = 5): string | null {
  const spans = lookup.eventSpans();
  if (spans.length === 0) return null;
  const shown = spans.slice(0, max).map(spanText).join("; ");
  const more = spans.length > max ? `; and ${spans.length - max} more` : "";
  return `Nothing is on then: the schedule covers ${shown}${more}.`;
}

export function talkView(talk: Talk, lookup: CatalogLookup): TalkView {
  const event = lookup.events.get(talk.eventId);
  const track = talk.trackId ? lookup.tracks.get(talk.trackId) : undefined;
  const zone = event?.timeZone ?? "UTC";
  const start = talk.start ? new Date(talk.start) : undefined;
  const end = talk.end ? new Date(talk.end) : undefined;
  return {
    id: talk.id,
    title: displayTitle(talk),
    untitled: talk.title === null,
    speakers: talk.speakers.map(speakerLabel),
    track: track?.name,
    room: talk.room ?? track?.room,
    format: talk.format,
    tags: talk.tags,
    start,
    end,
    when: start ? whenText(start, end, zone) : talk.date ? dayText(talk.date) : undefined,
    timeZone: event?.timeZone ?? undefined,
    excerpt: excerptOf(talk.abstract),
    abstract: talk.abstract,
    speakerDetails: talk.speakers,
  };
}
