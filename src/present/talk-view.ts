import type { Catalog, ConferenceEvent, Speaker, Talk, Track } from "../catalog/schema.ts";
import { displayTitle, excerptOf } from "../catalog/titles.ts";
import { dayText, whenText } from "../time/format.ts";
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
