import { type Catalog, isBreak, type Talk } from "../catalog/schema.ts";
import { displayTitle } from "../catalog/titles.ts";
import { STEP_EVERY, type Steps } from "../steps.ts";
import { NameIndex } from "./name-index.ts";
import { fold } from "./normalize.ts";
import type { NameField } from "./parse-query.ts";
import { ResultSet } from "./result-set.ts";
import { type FieldTexts, TextIndex } from "./text-index.ts";
import { type EventDays, type TimedTalk, timedTalk } from "./time-filter.ts";

/** Names of one kind (tracks, speakers, rooms) and which talks each one covers. */
export interface NameTable {
  index: NameIndex;
  /** Name index → talk documents. */
  docs: number[][];
}

/** Everything built once from a catalog; talks are addressed by their position ("doc"). */
export interface SearchIndex {
  talks: Talk[];
  timed: TimedTalk[];
  /** The talks with a start, soonest first. */
  byStart: TimedTalk[];
  /** Talks with a day but no start time: day words find them, `now` and `next` cannot. */
  datedOnly: TimedTalk[];
  /** Lower-cased display titles, the second tie-breaker after the start time. */
  sortTitles: string[];
  text: TextIndex;
  names: Record<NameField, NameTable>;
  /** Scratch for the results of the search in progress. */
  results: ResultSet;
  /** The days each event runs: its own dates where given, else its talks' days. */
  events: EventDays[];
  /** Catalog tracks in catalog order, with how many talks each has (breaks aside). */
  /** `key` and `host` folded, as names are compared. */
  tracks: { id: string; eventId: string; key: string; host?: string; talks: number }[];
}

/**
 * Builds the index of a catalog, in pieces (see Steps): a reload builds it
 * without holding the event loop, and createSearch runs it through at once.
 */
export function* searchIndexSteps(catalog: Catalog): Steps<SearchIndex> {
  const events = new Map(catalog.events.map((e) => [e.id, e]));
  const tracks = new Map(catalog.tracks.map((t) => [t.id, t]));
  const talks = catalog.talks.filter((talk) => !isBreak(talk));

  const trackNames: string[] = [];
  const roomNames: string[] = [];
  const timed: TimedTalk[] = [];
  const fields: FieldTexts[] = [];
  for (const [doc, talk] of talks.entries()) {
    if (doc % STEP_EVERY === 0) yield;
    const track = talk.trackId ? tracks.get(talk.trackId) : undefined;
    const room = talk.room ?? track?.room;
    trackNames[doc] = track?.name ?? "";
    roomNames[doc] = room ?? "";
    const group = talk.trackId ?? (room ? `room:${talk.eventId}:${room}` : `event:${talk.eventId}`);
    timed.push(timedTalk(talk, doc, events.get(talk.eventId)?.timeZone ?? null, group));
    const speakers = talk.speakers;
    fields.push({
      title: talk.title ? [talk.title] : [],
      speaker: speakers.map((s) => s.name),
      company: speakers.flatMap((s) => (s.company ? [s.company] : [])),
      role: speakers.flatMap((s) => (s.role ? [s.role] : [])),
      track: track ? [track.name] : [],
      // The format ("keynote", "workshop") is as good as a topic label for finding a talk.
      tag: talk.format && talk.format !== "talk" ? [...talk.tags, talk.format] : talk.tags,
      room: room ? [room] : [],
      abstract: [talk.abstract],
      host: track?.host ? [track.host] : [],
      bio: speakers.flatMap((s) => (s.bio ? [s.bio] : [])),
    });
  }
  const text = yield* TextIndex.build(fields);
  const sortTitles: string[] = [];
  for (const talk of talks) {
    if (sortTitles.length % STEP_EVERY === 0) yield;
    sortTitles.push(displayTitle(talk).toLowerCase());
  }
  const trackTable = yield* nameTable(
    trackNames.map((n) => (n ? [n] : [])),
    catalog.tracks.map((t) => t.name),
  );
  const speakerTable = yield* nameTable(
    talks.map((t) => {
      const host = t.trackId ? tracks.get(t.trackId)?.host : undefined;
      const names = t.speakers.map((s) => s.name);
      return host ? [...names, host] : names;
    }),
    catalog.tracks.flatMap((t) => (t.host ? [t.host] : [])),
  );
  const roomTable = yield* nameTable(roomNames.map((n) => (n ? [n] : [])));
  yield;
  const eventSpans = eventDays(catalog, timed);
  yield;
  const trackList = trackEntries(catalog, talks);
  yield;
  const byStart = timed
    .filter((t) => t.start !== undefined)
    .sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  yield;

  return {
    talks,
    timed,
    events: eventSpans,
    tracks: trackList,
    byStart,
    datedOnly: timed.filter((t) => t.start === undefined && t.day !== undefined),
    sortTitles,
    text,
    results: new ResultSet(talks.length),
    names: {
      // Every track of the catalog, even one without talks, so that asking for it
      // says "no talks" rather than "no such track".
      track: trackTable,
      // A track's host is a person the catalog knows: `speaker wes` finds the track's talks.
      speaker: speakerTable,
      room: roomTable,
    },
  };
}

function trackEntries(catalog: Catalog, talks: readonly Talk[]): SearchIndex["tracks"] {
  const counts = new Map<string, number>();
  for (const talk of talks) {
    if (talk.trackId) counts.set(talk.trackId, (counts.get(talk.trackId) ?? 0) + 1);
  }
  return catalog.tracks.map((t) => ({
    id: t.id,
    eventId: t.eventId,
    key: fold(t.name.trim()),
    host: t.host ? fold(t.host.trim()) : undefined,
    talks: counts.get(t.id) ?? 0,
  }));
}

function eventDays(catalog: Catalog, timed: readonly TimedTalk[]): EventDays[] {
  const out: EventDays[] = [];
  for (const event of catalog.events) {
    const mine = timed.filter((t) => t.event === event.id && t.day !== undefined);
    const days = mine.map((t) => t.day as string).sort();
    const first = event.startDate ?? days[0];
    const last = event.endDate ?? days[days.length - 1];
    const zone = mine[0]?.zone ?? event.timeZone ?? 0;
    if (first && last) out.push({ id: event.id, name: event.name, zone, first, last });
  }
  return out;
}

/**
 * Distinct names (first spelling wins; case, accents and curly apostrophes do
 * not make a new name) with the documents that carry each, plus `extra` names
 * that no document carries.
 */
function* nameTable(namesPerDoc: string[][], extra: string[] = []): Steps<NameTable> {
  const position = new Map<string, number>();
  const names: string[] = [];
  const docs: number[][] = [];
  const slot = (name: string): number => {
    const key = fold(name.trim());
    let i = position.get(key);
    if (i === undefined) {
      i = names.length;
      position.set(key, i);
      names.push(name.trim());
      docs.push([]);
    }
    return i;
  };
  for (const [doc, list] of namesPerDoc.entries()) {
    if (doc % STEP_EVERY === 0) yield;
    for (const name of list) {
      const holders = docs[slot(name)] as number[];
      if (holders[holders.length - 1] !== doc) holders.push(doc);
    }
  }
  for (const name of extra) slot(name);
  yield;
  return { index: new NameIndex(names), docs };
}
